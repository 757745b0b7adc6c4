package clinic.support.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FhirJsonTest {

    private final FhirJson json = new FhirJson(FhirContext.forR4Cached());

    @Test
    void readsTheExpectedResourceType() {
        QuestionnaireResponse read = json.read("{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\"}",
                QuestionnaireResponse.class);

        assertThat(read.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    }

    @Test
    void refusesUnknownElementsAnotherResourceAndAnEmptyBody() {
        assertThat(diagnostics("{\"resourceType\":\"QuestionnaireResponse\",\"colour\":\"red\"}"))
                .startsWith("not valid FHIR R4 JSON");
        assertThat(diagnostics("{\"resourceType\":\"Patient\"}"))
                .isEqualTo("expected a QuestionnaireResponse, got a Patient");
        assertThat(diagnostics("  ")).contains("must be a FHIR QuestionnaireResponse");
        assertThat(diagnostics("{\"resourceType\":")).startsWith("not valid FHIR R4 JSON");
    }

    @Test
    void neverQuotesAValueOfTheBody() {
        String body = "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"a\",\"answer\":"
                + "[{\"valueBoolean\":\"Jane Doe\"}]}]}";

        assertThat(diagnostics(body)).doesNotContain("Jane", "Doe").contains("valueBoolean");
        assertThat(FhirJson.withoutValues("Invalid attribute value \"Jane\": Invalid boolean string: 'Jane'"))
                .isEqualTo("Invalid attribute value \"…\": Invalid boolean string: '…'");
    }

    @Test
    void writesJson() {
        assertThat(json.write(new Patient().setActive(true))).isEqualTo("{\"resourceType\":\"Patient\",\"active\":true}");
    }

    private String diagnostics(String body) {
        return (String) org.assertj.core.api.Assertions.catchThrowableOfType(FhirRequestException.class,
                () -> json.read(body, QuestionnaireResponse.class)).outcome().getIssueFirstRep().getDiagnostics();
    }

}
