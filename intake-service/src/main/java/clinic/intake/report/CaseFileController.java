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
 * A report's case file for the clinicians' case page (notification-service fetches it each time a clinician opens
 * the page, and keeps nothing). Only a client-credentials token with scope {@code cases:read} may call it
 * (ApiSecurityConfig); every call is an audit row. Deliberately logs nothing: the answer is patient data.
 */
@RestController
@Tag(name = "Internal", description = "Service-to-service lookups; not for patients or browsers")
class CaseFileController {

    static final String PATH = "/internal/v1/cases/{reportId}";
    private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final SymptomReportService reports;

    CaseFileController(SymptomReportService reports) {
        this.reports = reports;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Who to contact about a report, and its answers in plain words")
    @ApiResponse(responseCode = "200", description = "The case file")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<CaseFile> caseFile(@PathVariable String reportId) {
        UUID id = ReportIds.parse(reportId).orElseThrow(InvalidReportIdException::new);
        CaseFile file = reports.caseFile(id).orElseThrow(ReportNotFoundException::new);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(file);
    }
}
