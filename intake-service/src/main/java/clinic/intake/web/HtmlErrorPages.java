package clinic.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;

/**
 * Errors on the patient pages as HTML pages: a plain 404 page for an unknown report or address, and a
 * short apology for anything else, never a stack trace or JSON. Machine endpoints ({@code /api},
 * {@code /fhir}, {@code /internal}, actuator, API docs) are left alone and keep their problem+json answers from
 * {@link ApiExceptionHandler}. Runs before the {@code @ExceptionHandler} resolvers for that reason.
 */
@Component
class HtmlErrorPages implements HandlerExceptionResolver, Ordered {

    private static final List<String> MACHINE_PATHS =
            List.of("/api/", "/fhir/", "/internal/", "/ops/", "/actuator", "/v3/", "/error");
    private static final Logger log = LoggerFactory.getLogger(HtmlErrorPages.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception exception) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (MACHINE_PATHS.stream().anyMatch(path::startsWith)) {
            return null;
        }
        HttpStatusCode status = exception instanceof ErrorResponse known
                ? known.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("Unhandled exception on a patient page: {}", exception.getClass().getName());
        }
        PageHeaders.apply(response);
        if (exception instanceof ErrorResponse known) {
            known.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        }
        String view = switch (status.value()) {
            case 404 -> "error/404";
            case 429 -> "error/429";
            default -> "error";
        };
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        return page;
    }

    @Override
    public int getOrder() {
        // After Boot's DefaultErrorAttributes (which only records the exception), before everything else.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
