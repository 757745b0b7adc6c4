package clinic.support.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * FHIR R4 for the services that put HAPI FHIR on their class path: one {@link FhirContext} (costly to build,
 * thread-safe once built), the strict JSON reading and writing of {@link FhirJson}, and the handler that answers
 * a bad FHIR request with an OperationOutcome.
 */
@AutoConfiguration
@ConditionalOnClass(FhirContext.class)
@Import(FhirExceptionHandler.class)
public class FhirSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    @ConditionalOnMissingBean
    FhirJson fhirJson(FhirContext fhirContext) {
        return new FhirJson(fhirContext);
    }
}
