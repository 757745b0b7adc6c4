package clinic.support.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;

import java.util.List;

/** A FHIR request that cannot be carried out, with the OperationOutcome that says why, for the caller. */
public class FhirRequestException extends RuntimeException {

    /** One problem: where (a FHIRPath expression, or null for the whole request), what, and its issue type. */
    public record Problem(String expression, String diagnostics, IssueType type) {

        /** A value that is there but wrong: issue type {@code invalid}. */
        public Problem(String expression, String diagnostics) {
            this(expression, diagnostics, IssueType.INVALID);
        }
    }

    private final HttpStatus status;
    private final transient OperationOutcome outcome;

    public FhirRequestException(HttpStatus status, OperationOutcome outcome) {
        super("FHIR request refused with " + status.value() + " (" + outcome.getIssue().size() + " issue(s))");
        this.status = status;
        this.outcome = outcome;
    }

    public static FhirRequestException invalid(HttpStatus status, String expression, String diagnostics) {
        return invalid(status, List.of(new Problem(expression, diagnostics)));
    }

    /** Each problem becomes an error issue of its type, located by its expression. */
    public static FhirRequestException invalid(HttpStatus status, List<Problem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        for (Problem problem : problems) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(problem.type())
                    .setDiagnostics(problem.diagnostics());
            if (problem.expression() != null) {
                issue.addExpression(problem.expression());
            }
        }
        return new FhirRequestException(status, outcome);
    }

    /** A single issue of the given type, e.g. {@code not-found}. */
    public static FhirRequestException of(HttpStatus status, IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return new FhirRequestException(status, outcome);
    }

    public HttpStatus status() {
        return status;
    }

    public OperationOutcome outcome() {
        return outcome;
    }
}
