package clinic.intake.report;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A patient's report naming an email address other than the one their issuer vouches for: the clinic sends a
 * signed-in patient's advice only to their own address (issue 12, finding 4). Neither address is echoed.
 */
class EmailNotVerifiedException extends ErrorResponseException {

    EmailNotVerifiedException() {
        super(HttpStatus.BAD_REQUEST, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request is invalid; see errors for each bad field.");
        problem.setType(URI.create("urn:clinic:problem:invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", "patient.email",
                "message", "must be the verified email address of the signed-in account")));
        return problem;
    }
}
