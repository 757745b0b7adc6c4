package clinic.intake.idempotency;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.UUID;

/**
 * 422: the caller's key already belongs to a different request (per the draft). Nothing is stored for it. The
 * earlier report is named only to the form (the same patient's own report); the API's problem does not carry it.
 */
public class IdempotencyKeyReused extends ErrorResponseException {

    static final URI TYPE = URI.create("urn:clinic:problem:idempotency-key-reused");

    private final transient UUID earlierReportId;

    IdempotencyKeyReused(UUID earlierReportId) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(), null);
        this.earlierReportId = earlierReportId;
    }

    /** The report the key created first. */
    public UUID earlierReportId() {
        return earlierReportId;
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "This Idempotency-Key was already used for a different request. Send a new report with a new key; "
                        + "retry a report only with its own key and its unchanged body.");
        problem.setType(TYPE);
        problem.setTitle("Idempotency-Key already used");
        return problem;
    }
}
