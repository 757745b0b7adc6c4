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
        this("reportId", "must be a UUID");
    }

    /** A list of report ids that is wrong as a whole (empty, too long) or holds an entry that is not a UUID. */
    InvalidReportIdException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, problem(field, message), null);
    }

    private static ProblemDetail problem(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request is invalid; see errors for each bad field.");
        problem.setType(URI.create("urn:clinic:problem:invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }
}
