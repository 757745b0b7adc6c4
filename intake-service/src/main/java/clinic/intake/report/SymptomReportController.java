package clinic.intake.report;

import clinic.intake.idempotency.IdempotencyKey;
import clinic.support.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.Collections;

@RestController
@RequestMapping(SymptomReportController.PATH)
@Tag(name = "Symptom reports", description = "Heel-pain intake: submit a report, then follow its triage status")
class SymptomReportController {

    static final String PATH = "/api/v1/symptom-reports";
    private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** Marks a replayed answer, as Stripe and others do; the body and Location are the first answer's. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final SymptomReportService reports;
    private final ReportSubmissions submissions;

    SymptomReportController(SymptomReportService reports, ReportSubmissions submissions) {
        this.reports = reports;
        this.submissions = submissions;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a heel-pain symptom report",
            description = "Stores the report and queues it for triage. Every field is required; arrays may be "
                    + "empty but must not repeat a value; unknown fields are rejected. Body limit 64 KiB. A patient "
                    + "whose token carries a verified email must give that address.\n\n"
                    + "Retries: send an `Idempotency-Key` (IETF httpapi draft, an sf-string such as "
                    + "`\"8e03978e-40d5-43e8-bc93-6894a57f9324\"`, 1 to 255 printable ASCII characters). The same key "
                    + "from the same caller within 24 hours answers with the first answer (202, same body and "
                    + "Location, plus `Idempotent-Replayed: true`) and stores nothing; a replay does not count "
                    + "against the submission limit. Keys are per caller and expire 24 hours after first use.")
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, required = false,
            description = "Optional. A quoted string (RFC 8941 sf-string) of 1 to 255 printable ASCII characters, "
                    + "unique per report, e.g. a UUID; reuse it only to retry the same request unchanged.",
            schema = @Schema(type = "string", example = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\""))
    @ApiResponse(responseCode = "202", description = "Accepted; follow the Location header for the status. A "
            + "replay (same Idempotency-Key and body) repeats the first 202 with `Idempotent-Replayed: true`.")
    @ApiResponse(responseCode = "400", description = "Invalid report, or a malformed Idempotency-Key (empty, "
            + "longer than 255, not a quoted string, sent twice); `errors` names each bad field or the header",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still being "
            + "processed; retry it unchanged (see Retry-After)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Body larger than 64 KiB",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "Body is not application/json",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "This Idempotency-Key was already used by this caller for a "
            + "different request; nothing stored",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "Too many submissions by this caller; see Retry-After",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ReportAccepted> submit(@Valid @RequestBody SymptomReportRequest request,
                                          HttpServletRequest http) {
        return accepted(submissions.submitThroughApi(request.patient(), request.answers(),
                Collections.list(http.getHeaders(IdempotencyKey.HEADER)), ReportsReceived.Channel.API));
    }

    /** The first answer to a submission, repeated as it was for a replay (a new report is always RECEIVED). */
    private static ResponseEntity<ReportAccepted> accepted(ReportSubmissions.Submitted submitted) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.accepted()
                .location(URI.create(PATH + "/" + submitted.reportId()))
                .cacheControl(CacheControl.noStore());
        if (submitted.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(new ReportAccepted(submitted.reportId(), ReportStatus.RECEIVED));
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
