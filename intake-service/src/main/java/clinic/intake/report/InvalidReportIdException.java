package clinic.intake.report;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A report id on an internal endpoint that cannot be a report id at all: a 400 for the calling service,
 * which has a bug, rather than the 404 of an id that merely is not known. The value is never echoed.
 */
class InvalidReportIdException extends ErrorResponseException {

    InvalidReportIdException() {
        super(HttpStatus.BAD_REQUEST, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request is invalid; see errors for each bad field.");
        problem.setType(URI.create("urn:clinic:problem:invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", "reportId", "message", "must be a UUID")));
        return problem;
    }
}
