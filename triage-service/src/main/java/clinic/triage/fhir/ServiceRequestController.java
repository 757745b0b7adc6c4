package clinic.triage.fhir;

import clinic.events.triage.TriageDecisionMade;
import clinic.support.fhir.FhirJson;
import clinic.support.security.Actor;
import clinic.triage.decision.Triage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The clinician review a decision asks for, as a FHIR R4 ServiceRequest (none for SELF_CARE), for the same readers
 * as the decision JSON. Its id is the report id; {@code subject-report} is a search parameter of ours.
 */
@RestController
@RequestMapping("/fhir/ServiceRequest")
@Tag(name = "FHIR", description = "Triage decisions as FHIR R4 resources (application/fhir+json)")
class ServiceRequestController {

    private final Triage triage;
    private final DetectedIssues issues;
    private final ClinicianReviews reviews;
    private final FhirAddresses addresses;
    private final FhirJson json;

    ServiceRequestController(Triage triage, DetectedIssues issues, ClinicianReviews reviews, FhirAddresses addresses,
                             FhirJson json) {
        this.triage = triage;
        this.issues = issues;
        this.reviews = reviews;
        this.addresses = addresses;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "The clinician review a report's triage decision asks for, as a ServiceRequest",
            description = "A searchset Bundle with the review (priority stat, urgent or routine), or empty: SELF_CARE"
                    + " asks for no review, and a report not decided (yet) or not the caller's has none.")
    @ApiResponse(responseCode = "200", description = "A searchset Bundle",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "subject-report is missing or no report id (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    ResponseEntity<String> search(@Parameter(description = "The report id (a UUID)", required = true)
                                  @RequestParam(name = FhirIds.SUBJECT_REPORT, required = false) String subjectReport) {
        UUID reportId = FhirIds.subjectReport(subjectReport);
        List<ServiceRequest> found = review(reportId).stream().toList();
        String self = addresses.fhirBase() + "/ServiceRequest?" + FhirIds.SUBJECT_REPORT + "=" + reportId;
        return SearchBundles.ok(json, SearchBundles.searchset(self, addresses.fhirBase(), found));
    }

    @GetMapping("/{id}")
    @Operation(summary = "The clinician review of a report, as a ServiceRequest (its id is the report id)")
    @ApiResponse(responseCode = "200", description = "The ServiceRequest",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "The id is no report id (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "Not decided (yet), SELF_CARE, or not the caller's to read"
            + " (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    ResponseEntity<String> read(@PathVariable String id) {
        return review(FhirIds.serviceRequest(id)).map(review -> SearchBundles.ok(json, review))
                .orElseThrow(() -> FhirIds.notFound("ServiceRequest"));
    }

    private Optional<ServiceRequest> review(UUID reportId) {
        Optional<TriageDecisionMade> decision = triage.decisionFor(reportId, Actor.current());
        return decision.flatMap(made -> reviews.of(made, issues.of(made)));
    }
}
