package clinic.triage.outbox;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

interface OutboxRepository extends JpaRepository<OutboxEvent, UUID> {

    List<OutboxEvent> findBySentAtIsNullOrderByCreatedAtAscIdAsc(Limit limit);

    long countBySentAtIsNull();

    List<OutboxEvent> findByMessageKeyOrderByCreatedAtAsc(String messageKey);

    @Transactional
    @Modifying
    @Query("update OutboxEvent e set e.sentAt = :sentAt where e.id in :ids and e.sentAt is null")
    int markSent(Collection<UUID> ids, Instant sentAt);
}
