package clinic.triage.outbox;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

/** Inserts outbox rows in the caller's transaction; the relay reads and updates them through {@link OutboxStore}. */
interface OutboxRepository extends JpaRepository<OutboxEvent, UUID> {

    long countBySentAtIsNull();

    List<OutboxEvent> findByMessageKeyOrderByCreatedAtAsc(String messageKey);
}
