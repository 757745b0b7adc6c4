package clinic.triage.decision;

import clinic.events.triage.TriageDecisionMade;
import clinic.support.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The decision of a report, as published on the decisions topic; 404 until the report is decided, and the same
 * 404 for a report the caller may not read (a client reads only the reports it submitted); 400 for an id that
 * is no UUID (the answer never repeats the id).
 */
@RestController
@RequestMapping("/api/v1/triage-decisions")
@Tag(name = "Triage decisions", description = "The disposition triage gave a symptom report")
class DecisionController {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final Triage triage;

    DecisionController(Triage triage) {
        this.triage = triage;
    }

    @GetMapping("/{reportId}")
    @Operation(summary = "Triage decision of a symptom report",
            description = "Clinicians read any report's decision; a client with triage:read only those of the "
                    + "reports it submitted (others' look undecided: 404).")
    @ApiResponse(responseCode = "200", description = "The decision, as published on the decisions topic")
    @ApiResponse(responseCode = "400", description = "The report id is no UUID",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Not decided (yet), or not the caller's to read",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    TriageDecisionMade decision(@PathVariable String reportId) {
        return triage.decisionFor(parse(reportId), Actor.current()).orElseThrow(DecisionNotFound::new);
    }

    private static UUID parse(String reportId) {
        try {
            return UUID.fromString(reportId);
        } catch (IllegalArgumentException e) {
            throw new MalformedReportId();
        }
    }

    static final class MalformedReportId extends ErrorResponseException {
        MalformedReportId() {
            super(HttpStatus.BAD_REQUEST, problem(), null);
        }

        private static ProblemDetail problem() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "A report id is a UUID.");
            problem.setTitle("Malformed report id");
            return problem;
        }
    }

    static final class DecisionNotFound extends ErrorResponseException {
        DecisionNotFound() {
            super(HttpStatus.NOT_FOUND, problem(), null);
        }

        private static ProblemDetail problem() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No triage decision exists for this report (yet). Reports are usually decided within seconds.");
            problem.setTitle("Triage decision not found");
            return problem;
        }
    }
}
