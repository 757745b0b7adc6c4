package clinic.triage.cds;

import clinic.support.fhir.FhirJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /cds-services/heel-pain-triage/feedback}: what the clinician did with a card (CDS Hooks 2.0). */
@RestController
@Tag(name = "CDS Hooks")
class CdsFeedbackController {

    private final CdsFeedback feedback;

    CdsFeedbackController(CdsFeedback feedback) {
        this.feedback = feedback;
    }

    @PostMapping(path = CdsPaths.FEEDBACK, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Feedback on a card", description = "Accepted or overridden, with the accepted suggestion "
            + "or the override reason. Needs the EHR's CDS Hooks JWT (aud = the service's URL).")
    @ApiResponse(responseCode = "200", description = "Stored")
    @ApiResponse(responseCode = "400", description = "Not valid feedback",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE))
    @ApiResponse(responseCode = "404", description = "Not a card this service issued to the caller",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE))
    ResponseEntity<Void> feedback(@RequestBody FeedbackRequest request, @AuthenticationPrincipal Jwt ehr) {
        feedback.record(request, ehr.getClaimAsString("iss"));
        return ResponseEntity.ok().build();
    }
}
