package clinic.intake.report;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.UUID;

interface SymptomReportRepository extends JpaRepository<SymptomReport, UUID> {

    /** One person's reports, newest first (as many as the page asks for). */
    @Query("""
            select r from SymptomReport r where r.ownerKind = 'PERSON' and r.ownerSubject = :subject
            order by r.submittedAt desc, r.id desc""")
    List<SymptomReport> findOwnedBy(String subject, Pageable page);
}
