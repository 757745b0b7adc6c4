package clinic.intake.report;

import clinic.intake.email.VerifiedEmail;
import clinic.intake.ratelimit.SubmissionRateLimiter;
import clinic.support.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Optional;

@RestController
@RequestMapping(SymptomReportController.PATH)
@Tag(name = "Symptom reports", description = "Heel-pain intake: submit a report, then follow its triage status")
class SymptomReportController {

    static final String PATH = "/api/v1/symptom-reports";
    private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final SymptomReportService reports;
    private final SubmissionRateLimiter rateLimiter;

    SymptomReportController(SymptomReportService reports, SubmissionRateLimiter rateLimiter) {
        this.reports = reports;
        this.rateLimiter = rateLimiter;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a heel-pain symptom report",
            description = "Stores the report and queues it for triage. Every field is required; arrays may be "
                    + "empty but must not repeat a value; unknown fields are rejected. Body limit 64 KiB. A patient "
                    + "whose token carries a verified email must give that address.")
    @ApiResponse(responseCode = "202", description = "Accepted; follow the Location header for the status")
    @ApiResponse(responseCode = "400", description = "Invalid report; `errors` names each bad field",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Body larger than 64 KiB",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "Body is not application/json",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "Too many submissions by this caller; see Retry-After",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ReportAccepted> submit(@Valid @RequestBody SymptomReportRequest request) {
        Actor actor = Actor.current();
        // a patient whose issuer vouches for their address gets their advice there and nowhere else
        Optional<String> verified = VerifiedEmail.current();
        if (verified.isPresent() && !VerifiedEmail.sameAddress(verified.get(), request.patient().email())) {
            throw new EmailNotVerifiedException();
        }
        rateLimiter.acquire(actor);
        ReportStatusView report = reports.submit(request.patient(), request.answers(), actor, verified.isPresent());
        return ResponseEntity.accepted()
                .location(URI.create(PATH + "/" + report.reportId()))
                .cacheControl(CacheControl.noStore())
                .body(new ReportAccepted(report.reportId(), report.status()));
    }

    @GetMapping(path = "/{reportId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Status of a symptom report",
            description = "RECEIVED until triage has decided, then TRIAGED with the disposition. Clinicians "
                    + "read any report; patients and clients only their own (others' look unknown: 404).")
    @ApiResponse(responseCode = "200", description = "The report's status")
    @ApiResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ReportStatusView> status(@PathVariable String reportId) {
        Actor reader = Actor.current();
        return ReportIds.parse(reportId).flatMap(id -> reports.find(id, reader))
                .map(view -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view))
                .orElseThrow(ReportNotFoundException::new);
    }
}
