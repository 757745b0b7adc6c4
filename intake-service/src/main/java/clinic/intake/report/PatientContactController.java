package clinic.intake.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Patient contact lookup for the notification service, which fetches name and email at send time so
 * that they never travel in events. Deliberately logs nothing: the answer is patient data.
 * Only a client-credentials token with scope {@code patients:contact} may call it (ApiSecurityConfig).
 */
@RestController
@Tag(name = "Internal", description = "Service-to-service lookups; not for patients or browsers")
class PatientContactController {

    static final String PATH = "/internal/v1/patient-contacts/{reportId}";
    private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final SymptomReportService reports;

    PatientContactController(SymptomReportService reports) {
        this.reports = reports;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Name and email of the patient who submitted a report")
    @ApiResponse(responseCode = "200", description = "The patient's contact details")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<PatientContact> contact(@PathVariable String reportId) {
        UUID id = ReportIds.parse(reportId).orElseThrow(InvalidReportIdException::new);
        PatientContact contact = reports.contact(id).orElseThrow(ReportNotFoundException::new);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(contact);
    }
}
