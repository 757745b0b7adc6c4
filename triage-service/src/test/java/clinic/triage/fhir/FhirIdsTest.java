package clinic.triage.fhir;

import clinic.events.triage.RedFlag;
import clinic.support.fhir.FhirRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FhirIdsTest {

    /** FHIR R4: an id is 1 to 64 of [A-Za-z0-9\-.]. */
    @ParameterizedTest
    @EnumSource(RedFlag.class)
    void everyDetectedIssueIdIsAValidFhirIdThatNamesItsReport(RedFlag flag) {
        UUID reportId = UUID.randomUUID();

        String id = FhirIds.detectedIssue(reportId, flag);

        assertThat(id).matches("[A-Za-z0-9\\-.]{1,64}");
        assertThat(FhirIds.reportOfDetectedIssue(id)).contains(reportId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Jane-Doe", "severe-pain", "0123456789abcdef0123456789abcdef",
            "0123456789ABCDEF0123456789ABCDEF-fever", "0123456789abcdef0123456789abcdef-Fever"})
    void anIdOfAnotherShapeNamesNoReport(String id) {
        assertThat(FhirIds.reportOfDetectedIssue(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jane Doe", "1-2-3-4-5", "0123456789abcdef0123456789abcdef", " "})
    void aSubjectReportThatIsNoCanonicalUuidIsRefused(String value) {
        assertThatThrownBy(() -> FhirIds.subjectReport(value)).isInstanceOfSatisfying(FhirRequestException.class,
                refused -> {
                    assertThat(refused.status().value()).isEqualTo(400);
                    assertThat(refused.outcome().getIssueFirstRep().getDiagnostics()).doesNotContain("Jane");
                });
    }

    @Test
    void aMissingSubjectReportIsARequiredIssue() {
        assertThatThrownBy(() -> FhirIds.subjectReport(null)).isInstanceOfSatisfying(FhirRequestException.class,
                refused -> assertThat(refused.outcome().getIssueFirstRep().getCode().toCode()).isEqualTo("required"));
    }

    @Test
    void anUpperCaseReportIdIsTheSameReport() {
        UUID reportId = UUID.randomUUID();

        assertThat(FhirIds.subjectReport(reportId.toString().toUpperCase())).isEqualTo(reportId);
    }
}
