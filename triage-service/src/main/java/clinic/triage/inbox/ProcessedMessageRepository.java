package clinic.triage.inbox;

import org.springframework.data.jpa.repository.JpaRepository;

interface ProcessedMessageRepository extends JpaRepository<ProcessedMessage, ProcessedMessage.Key> {
}
