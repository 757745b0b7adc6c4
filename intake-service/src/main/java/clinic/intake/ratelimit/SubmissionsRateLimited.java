package clinic.intake.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/** 429 with {@code Retry-After}: problem+json on the API, an HTML page on the form. */
public class SubmissionsRateLimited extends ErrorResponseException {

    static final URI TYPE = URI.create("urn:clinic:problem:too-many-submissions");

    SubmissionsRateLimited(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(retryAfterSeconds), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    public long retryAfterSeconds() {
        return Long.parseLong(getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
    }

    private static ProblemDetail problem(long retryAfterSeconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many reports submitted; try again in " + retryAfterSeconds + " seconds.");
        problem.setType(TYPE);
        return problem;
    }
}
