package clinic.triage.fhir;

import clinic.events.intake.Symptom;
import clinic.events.triage.TriageDecisionMade;
import clinic.triage.engine.TriageEngine;
import clinic.triage.testing.Answers;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The addresses resources point to come from configuration (clinic.fhir.*), not from where triage listens. */
class FhirAddressesTest {

    private static final FhirAddresses DEPLOYED = new FhirAddresses("https://intake.clinic.example/fhir/",
            "https://triage.clinic.example/");

    @Test
    void resourcesPointAtTheConfiguredBasesWithoutDoubleSlashes() {
        UUID reportId = UUID.randomUUID();
        TriageEngine engine = TriageEngine.standard();
        TriageDecisionMade decision = engine.evaluate(Answers.quiet().with(Symptom.NUMBNESS).build())
                .toDecision(reportId, Instant.parse("2026-03-01T10:15:30.123456Z"));

        List<DetectedIssue> issues = new DetectedIssues(engine, DEPLOYED).of(decision);
        ServiceRequest review = new ClinicianReviews(DEPLOYED).of(decision, issues).orElseThrow();

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.getReference()).isEqualTo("https://triage.clinic.example/api/v1/ruleset#RF-NUMBNESS");
            assertThat(issue.getEvidenceFirstRep().getDetailFirstRep().getReference())
                    .isEqualTo("https://intake.clinic.example/fhir/QuestionnaireResponse/" + reportId);
            assertThat(issue.getIdentifiedDateTimeType().getValueAsString())
                    .isEqualTo("2026-03-01T10:15:30.123456Z");
        });
        assertThat(review.getSupportingInfo()).extracting(Reference::getReference).containsExactly(
                "https://triage.clinic.example/fhir/DetectedIssue/" + issues.get(0).getIdElement().getIdPart(),
                "https://intake.clinic.example/fhir/QuestionnaireResponse/" + reportId);
    }

    @Test
    void aBlankBaseIsAConfigurationError() {
        assertThatThrownBy(() -> new FhirAddresses(" ", "http://localhost:8082"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
