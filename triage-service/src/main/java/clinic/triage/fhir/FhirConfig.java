package clinic.triage.fhir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The decision as FHIR R4: the addresses its resources point to. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FhirAddresses.class)
class FhirConfig {
}
