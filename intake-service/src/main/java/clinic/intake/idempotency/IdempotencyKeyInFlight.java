package clinic.intake.idempotency;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/**
 * 409: another request with the same key is still being processed (per the draft), and did not finish while this
 * one waited. Retrying the same request later gets its answer.
 */
public class IdempotencyKeyInFlight extends ErrorResponseException {

    static final URI TYPE = URI.create("urn:clinic:problem:idempotency-key-in-flight");

    public IdempotencyKeyInFlight() {
        super(HttpStatus.CONFLICT, problem(), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "A request with this Idempotency-Key is still being processed; retry it unchanged in a moment.");
        problem.setType(TYPE);
        problem.setTitle("A request is outstanding for this Idempotency-Key");
        return problem;
    }
}
