package clinic.intake.report;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/** No report with that id, or an id that cannot be one: both are a plain 404, revealing nothing. */
class ReportNotFoundException extends ErrorResponseException {

    ReportNotFoundException() {
        super(HttpStatus.NOT_FOUND, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such symptom report.");
        problem.setType(URI.create("urn:clinic:problem:report-not-found"));
        problem.setTitle("Symptom report not found");
        return problem;
    }
}
