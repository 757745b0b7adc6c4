package clinic.intake.outbox;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

/** Inserts outbox rows in the caller's transaction; the relay reads and updates them through {@link OutboxStore}. */
interface OutboxRepository extends JpaRepository<OutboxEvent, UUID> {
}
