package clinic.triage.decision;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface StoredDecisionRepository extends JpaRepository<StoredDecision, UUID> {
}
