package clinic.triage.decision;

import clinic.events.triage.TriageDecisionMade;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;
import java.util.UUID;

/** The decision of a report, as published on the decisions topic; 404 until the report is decided. */
@RestController
@RequestMapping("/api/v1/triage-decisions")
class DecisionController {

    private final Triage triage;

    DecisionController(Triage triage) {
        this.triage = triage;
    }

    @GetMapping("/{reportId}")
    TriageDecisionMade decision(@PathVariable String reportId) {
        return parse(reportId).flatMap(triage::decisionFor).orElseThrow(DecisionNotFound::new);
    }

    private static Optional<UUID> parse(String reportId) {
        try {
            return Optional.of(UUID.fromString(reportId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
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
