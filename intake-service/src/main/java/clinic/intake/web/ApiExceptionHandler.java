package clinic.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every error of this service as RFC 9457 problem+json. Bad requests carry an {@code errors} array
 * naming each bad field. Bodies never contain rejected values, patient data, exception messages or
 * stack traces; logs get exception class names only.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final URI INVALID_REQUEST = URI.create("urn:clinic:problem:invalid-request");
    static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("urn:clinic:problem:unsupported-media-type");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9/._~-]{1,200}");
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Stream<FieldProblem> fieldProblems = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(fieldName(error), error.getDefaultMessage()));
        Stream<FieldProblem> globalProblems = exception.getBindingResult().getGlobalErrors().stream()
                .map(error -> new FieldProblem(FieldProblem.BODY, error.getDefaultMessage()));
        List<FieldProblem> problems = Stream.concat(fieldProblems, globalProblems)
                .distinct()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        return badRequest(exception, problems, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(exception, List.of(JsonReadProblems.describe(exception)), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "The request body must be sent as application/json.");
        problem.setType(UNSUPPORTED_MEDIA_TYPE);
        problem.setProperty("errors", List.of(new FieldProblem("Content-Type", "must be application/json")));
        HttpHeaders responseHeaders = new HttpHeaders();
        responseHeaders.addAll(exception.getHeaders());
        return handleExceptionInternal(exception, problem, responseHeaders, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
    }

    /** Anything not handled more specifically: a bare 500, with class names (no messages) in the log. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception exception, WebRequest request) {
        log.error("Unhandled exception on {}: {}", requestPath(request), causeChain(exception));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be processed.");
        return handleExceptionInternal(exception, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            String instance = safeInstance(requestPath(request));
            if (instance != null) {
                problem.setInstance(URI.create(instance));
            }
        }
        return super.handleExceptionInternal(exception, body, headers, statusCode, request);
    }

    private ResponseEntity<Object> badRequest(Exception exception, List<FieldProblem> problems, HttpHeaders headers,
            WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request is invalid; see errors for each bad field.");
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", problems);
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The request path as problem {@code instance}, unless it holds characters a client made up. */
    static String safeInstance(String path) {
        return path != null && SAFE_PATH.matcher(path).matches() ? path : null;
    }

    /** Bean validation names list elements {@code painQualities[0].<list element>}; keep the JSON part. */
    private static String fieldName(FieldError error) {
        return error.getField().replace(".<list element>", "");
    }

    private static String requestPath(WebRequest request) {
        HttpServletRequest servletRequest = request instanceof NativeWebRequest nativeRequest
                ? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
        return servletRequest == null ? null : servletRequest.getRequestURI();
    }

    private static String causeChain(Throwable exception) {
        StringBuilder chain = new StringBuilder(exception.getClass().getName());
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause();
             cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }
}
