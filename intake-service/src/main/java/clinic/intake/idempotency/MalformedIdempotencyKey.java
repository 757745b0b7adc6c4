package clinic.intake.idempotency;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** 400 naming the header (or form field) whose key is unusable; the key itself is never echoed. */
public class MalformedIdempotencyKey extends ErrorResponseException {

    MalformedIdempotencyKey(String name, String message) {
        super(HttpStatus.BAD_REQUEST, problem(name, message), null);
    }

    private static ProblemDetail problem(String name, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request is invalid; see errors for each bad field.");
        problem.setType(URI.create("urn:clinic:problem:invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", name, "message", message)));
        return problem;
    }
}
