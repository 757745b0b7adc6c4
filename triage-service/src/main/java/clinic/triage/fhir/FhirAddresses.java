package clinic.triage.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the FHIR resources triage serves point: {@code intakeBaseUrl} is intake's FHIR base, home of the
 * QuestionnaireResponse each decision answers; {@code publicBaseUrl} is triage's own address as callers see it
 * (behind a proxy it differs from the port we listen on), used for fullUrls, self links and the rule sources.
 * Both are absolute, so a resource read outside this service still resolves.
 */
@ConfigurationProperties("clinic.fhir")
record FhirAddresses(
        @DefaultValue("http://localhost:8081/fhir") String intakeBaseUrl,
        @DefaultValue("http://localhost:8082") String publicBaseUrl) {

    FhirAddresses {
        intakeBaseUrl = withoutTrailingSlash(intakeBaseUrl);
        publicBaseUrl = withoutTrailingSlash(publicBaseUrl);
    }

    /** The intake QuestionnaireResponse of a report: intake keeps the report id as its id. */
    String questionnaireResponse(Object reportId) {
        return intakeBaseUrl + "/QuestionnaireResponse/" + reportId;
    }

    /** Triage's own FHIR base. */
    String fhirBase() {
        return publicBaseUrl + "/fhir";
    }

    /** The page a clinician reads a rule on; the fragment names the rule. */
    String ruleSource(String ruleId) {
        return publicBaseUrl + "/api/v1/ruleset#" + ruleId;
    }

    private static String withoutTrailingSlash(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("clinic.fhir base urls must be set");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
