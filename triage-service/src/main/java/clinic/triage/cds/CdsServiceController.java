package clinic.triage.cds;

import clinic.support.fhir.FhirJson;
import clinic.triage.cds.HeelPainTriageCds.CdsRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /cds-services/heel-pain-triage}: a CDS Hooks 2.0 service call from a trusted EHR. */
@RestController
@Tag(name = "CDS Hooks")
class CdsServiceController {

    private final HeelPainTriageCds service;

    CdsServiceController(HeelPainTriageCds service) {
        this.service = service;
    }

    @PostMapping(path = CdsPaths.SERVICE, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Triage a signed heel-pain intake", description = "Hook 'heel-pain-intake-signed'. The "
            + "QuestionnaireResponse comes in context.questionnaireResponse or prefetch.questionnaireResponse. "
            + "Needs the EHR's CDS Hooks JWT (aud = this endpoint's URL), not a clinic token.")
    @ApiResponse(responseCode = "200", description = "One card: disposition, reasons, ruleset")
    @ApiResponse(responseCode = "400", description = "Not a valid request or QuestionnaireResponse",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE))
    @ApiResponse(responseCode = "412", description = "No QuestionnaireResponse in context or prefetch",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE))
    CdsResponse invoke(@RequestBody CdsRequest request, @AuthenticationPrincipal Jwt ehr) {
        return service.invoke(request, ehr.getClaimAsString("iss"));
    }
}
