package clinic.intake.report;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface SymptomReportRepository extends JpaRepository<SymptomReport, UUID> {
}
