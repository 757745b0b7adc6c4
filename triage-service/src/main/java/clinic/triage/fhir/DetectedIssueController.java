package clinic.triage.fhir;

import clinic.support.audit.AuditMarks;
import clinic.support.fhir.FhirJson;
import clinic.support.fhir.FhirRequestException;
import clinic.support.security.Actor;
import clinic.triage.decision.Triage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * The red flags of a decision as FHIR R4 DetectedIssues, for the same readers as the decision JSON (a client
 * reads only its own reports'; others' look undecided). {@code subject-report} is a search parameter of ours,
 * not one of FHIR's: triage knows reports, not patients, so it cannot offer {@code patient}.
 */
@RestController
@RequestMapping("/fhir/DetectedIssue")
@Tag(name = "FHIR", description = "Triage decisions as FHIR R4 resources (application/fhir+json)")
class DetectedIssueController {

    private final Triage triage;
    private final DetectedIssues issues;
    private final FhirAddresses addresses;
    private final FhirJson json;

    DetectedIssueController(Triage triage, DetectedIssues issues, FhirAddresses addresses, FhirJson json) {
        this.triage = triage;
        this.issues = issues;
        this.addresses = addresses;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "Red flags of a report's triage decision, as DetectedIssues",
            description = "A searchset Bundle with one DetectedIssue per red flag; empty when the report has no red"
                    + " flag, is not decided (yet), or is not the caller's to read.")
    @ApiResponse(responseCode = "200", description = "A searchset Bundle",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "subject-report is missing or no report id (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    ResponseEntity<String> search(@Parameter(description = "The report id (a UUID)", required = true)
                                  @RequestParam(name = FhirIds.SUBJECT_REPORT, required = false) String subjectReport) {
        UUID reportId = FhirIds.subjectReport(subjectReport);
        List<DetectedIssue> found = triage.decisionFor(reportId, Actor.current()).map(issues::of).orElse(List.of());
        String self = addresses.fhirBase() + "/DetectedIssue?" + FhirIds.SUBJECT_REPORT + "=" + reportId;
        return SearchBundles.ok(json, SearchBundles.searchset(self, addresses.fhirBase(), found));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One red flag of a report's triage decision, as a DetectedIssue")
    @ApiResponse(responseCode = "200", description = "The DetectedIssue",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "Not a DetectedIssue id of triage's (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such red flag, or not the caller's (OperationOutcome)",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    ResponseEntity<String> read(@PathVariable String id) {
        UUID reportId = FhirIds.reportOfDetectedIssue(id).orElseThrow(() -> FhirRequestException.invalid(
                HttpStatus.BAD_REQUEST, null, "a DetectedIssue id is a report id without hyphens, then a red flag"));
        // the path holds no plain report id, so the audit row learns it from here
        AuditMarks.about(reportId);
        return triage.decisionFor(reportId, Actor.current()).stream()
                .flatMap(decision -> issues.of(decision).stream())
                .filter(issue -> issue.getIdElement().getIdPart().equals(id))
                .findFirst()
                .map(issue -> SearchBundles.ok(json, issue))
                .orElseThrow(() -> FhirIds.notFound("DetectedIssue"));
    }
}
