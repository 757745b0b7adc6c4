package clinic.triage.fhir;

import ca.uhn.fhir.context.FhirContext;
import clinic.support.testing.FhirValidation;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.test.web.servlet.MvcResult;

import java.io.UnsupportedEncodingException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads what triage served as FHIR and has HAPI's validator judge it: every resource a test reads is checked, the
 * Bundle and each of its entries. The validator loads all of R4 once (seconds) for the whole test JVM (FhirValidation).
 */
final class FhirResponses {

    private FhirResponses() {
    }

    static Bundle validBundle(MvcResult result) {
        Bundle bundle = valid(result, Bundle.class);
        bundle.getEntry().forEach(entry -> assertValid(entry.getResource()));
        return bundle;
    }

    static <T extends IBaseResource> T valid(MvcResult result, Class<T> type) {
        T resource = parse(result, type);
        assertValid(resource);
        return resource;
    }

    static <T extends IBaseResource> T parse(MvcResult result, Class<T> type) {
        try {
            return FhirContext.forR4Cached().newJsonParser().parseResource(type,
                    result.getResponse().getContentAsString());
        } catch (UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
    }

    static void assertValid(IBaseResource resource) {
        FhirValidation validation = FhirValidation.r4();
        assertThat(validation.errors(resource))
                .as(() -> ((Resource) resource).fhirType() + " as HAPI's validator reads it: "
                        + validation.messages(resource))
                .isEmpty();
    }

}
