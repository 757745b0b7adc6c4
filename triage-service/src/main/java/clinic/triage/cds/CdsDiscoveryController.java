package clinic.triage.cds;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * CDS Hooks 2.0 discovery: the one service triage offers. Public, like the spec's examples: it says what we do and
 * which data we want, never anything about a patient, and an EHR reads it before it has a client set up.
 */
@RestController
@Tag(name = "CDS Hooks", description = "Clinical decision support for EHRs (CDS Hooks 2.0)")
class CdsDiscoveryController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Discovery(List<Service> services) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Service(String hook, String title, String description, String id, Map<String, String> prefetch,
                   String usageRequirements) {
    }

    static final Service HEEL_PAIN_TRIAGE = new Service(CdsPaths.HOOK, "Heel-pain triage",
            "Classifies a signed heel-pain intake QuestionnaireResponse with the clinic's heel-pain rules: "
                    + "disposition, red flags, rules fired with their sources, ranked likely conditions, and a "
                    + "self-care plan to send where self-care is safe. Hook '" + CdsPaths.HOOK
                    + "' fires when a patient's heel-pain intake QuestionnaireResponse is signed in the EHR; its "
                    + "context carries questionnaireResponseId (and may carry the resource as "
                    + "questionnaireResponse).",
            CdsPaths.SERVICE_ID,
            Map.of("questionnaireResponse", "QuestionnaireResponse/{{context.questionnaireResponseId}}"),
            "The QuestionnaireResponse must answer the clinic's heel-pain intake Questionnaire.");

    private static final Discovery DISCOVERY = new Discovery(List.of(HEEL_PAIN_TRIAGE));

    @GetMapping(CdsPaths.SERVICES)
    @Operation(summary = "CDS Hooks discovery", description = "The CDS services triage offers, with their hook "
            + "and prefetch templates. No token needed.")
    @ApiResponse(responseCode = "200", description = "The services")
    @SecurityRequirements // none: public, unlike the document's default
    Discovery discovery() {
        return DISCOVERY;
    }
}
