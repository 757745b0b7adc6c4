package clinic.notification.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors on the clinician pages as pages: "not found" for an unknown alert or case, a short apology for anything
 * else, logged by exception class only (a message can quote patient data), never a stack trace or JSON. The API's
 * errors stay problem+json ({@code web.ApiProblems}).
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView refused(ResponseStatusException refusal, HttpServletResponse response) {
        int status = refusal.getStatusCode().value();
        response.setStatus(status);
        return new ModelAndView(status == 404 ? "error/404" : "error");
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception failure, HttpServletResponse response) {
        String errorClass = failure.getClass().getName();
        log.error("A clinician page failed with {}", errorClass);
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        return new ModelAndView("error");
    }
}
