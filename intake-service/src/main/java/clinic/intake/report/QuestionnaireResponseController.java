package clinic.intake.report;

import clinic.fhir.IntakeResponse;
import clinic.fhir.QuestionnaireResponseReader;
import clinic.intake.idempotency.IdempotencyKey;
import clinic.support.fhir.FhirJson;
import clinic.support.fhir.FhirRequestException;
import clinic.support.fhir.FhirRequestException.Problem;
import clinic.support.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Reports through FHIR: a QuestionnaireResponse to the heel-pain Questionnaire becomes a report exactly as a JSON
 * submission does (the same validation, idempotency, rate limit, ownership, outbox), and reads back as one.
 * A refused request gets an OperationOutcome whose issues name each offending item by its linkId.
 */
@RestController
@Tag(name = "FHIR intake", description = "The heel-pain intake as FHIR R4: the Questionnaire and its responses")
class QuestionnaireResponseController {

    static final String PATH = "/fhir/QuestionnaireResponse";
    private static final String OUTCOME = "an OperationOutcome (application/fhir+json)";

    private final FhirJson fhir;
    private final ReportSubmissions submissions;
    private final SymptomReportService reports;
    private final Validator validator;

    QuestionnaireResponseController(FhirJson fhir, ReportSubmissions submissions, SymptomReportService reports,
                                    Validator validator) {
        this.fhir = fhir;
        this.submissions = submissions;
        this.reports = reports;
        this.validator = validator;
    }

    @PostMapping(path = PATH, consumes = {FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE},
            produces = FhirJson.MEDIA_TYPE)
    @Operation(summary = "Submit a heel-pain report as a FHIR QuestionnaireResponse",
            description = "The response must answer the Questionnaire at /fhir/Questionnaire/heel-pain-intake "
                    + "(status completed), flat or in its groups. It is checked as the JSON API checks a report, "
                    + "stored, and queued for triage; the triage follows asynchronously, as for the JSON API. "
                    + "Idempotency-Key works as for POST /api/v1/symptom-reports.")
    @ApiResponse(responseCode = "201", description = "Created: the stored QuestionnaireResponse, whose id is the "
            + "report id; Location is its FHIR address, and a Link with rel=status names the report's status")
    @ApiResponse(responseCode = "400", description = "Not a valid response: " + OUTCOME + " with an issue per "
            + "offending item, its expression naming the linkId; nothing is stored",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "403", description = "A patient gave another email address than their verified one",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "429", description = "Too many submissions by this caller; see Retry-After",
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    ResponseEntity<String> create(@RequestBody String body, HttpServletRequest http) {
        IntakeResponse read = QuestionnaireResponseReader.read(fhir.read(body, QuestionnaireResponse.class));
        if (!read.isValid()) {
            throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, read.issues().stream()
                    .map(issue -> new Problem(issue.expression(), issue.message(), issue.type())).toList());
        }
        SymptomReportRequest request = IntakeQuestionnaireResponses.request(read);
        List<Problem> violations = validator.validate(request).stream()
                .map(QuestionnaireResponseController::problem)
                .sorted(Comparator.comparing(Problem::expression)).toList();
        if (!violations.isEmpty()) {
            throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, violations);
        }
        ReportSubmissions.Submitted submitted = submissions.submitThroughApi(request.patient(), request.answers(),
                Collections.list(http.getHeaders(IdempotencyKey.HEADER)), ReportsReceived.Channel.FHIR);
        AnsweredReport stored = reports.answered(submitted.reportId(), Actor.current()).orElseThrow();
        ResponseEntity.BodyBuilder created = ResponseEntity.created(URI.create(PATH + "/" + submitted.reportId()))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.LINK, "<" + SymptomReportController.PATH + "/" + submitted.reportId()
                        + ">; rel=\"status\"");
        if (submitted.replayed()) {
            created.header(SymptomReportController.REPLAYED, "true");
        }
        return created.body(fhir.write(IntakeQuestionnaireResponses.of(stored)));
    }

    @GetMapping(path = PATH + "/{id}", produces = FhirJson.MEDIA_TYPE)
    @Operation(summary = "A report as the QuestionnaireResponse it was submitted as",
            description = "Clinicians read any report; patients and clients only their own (others' look unknown).")
    @ApiResponse(responseCode = "200", description = "The QuestionnaireResponse; its id is the report id")
    @ApiResponse(responseCode = "404", description = "No such report: " + OUTCOME,
            content = @Content(mediaType = FhirJson.MEDIA_TYPE, schema = @Schema(type = "object")))
    ResponseEntity<String> read(@PathVariable String id) {
        Actor reader = Actor.current();
        return ReportIds.parse(id).flatMap(reportId -> reports.answered(reportId, reader))
                .map(report -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                        .body(fhir.write(IntakeQuestionnaireResponses.of(report))))
                .orElseThrow(() -> FhirRequestException.of(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                        "no QuestionnaireResponse with this id"));
    }

    /** The JSON API's refusals (rate limit, idempotency, verified email) told the FHIR way, headers kept. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<String> refused(ErrorResponseException refused) {
        HttpStatusCode status = refused.getStatusCode();
        String detail = refused.getBody().getDetail() != null ? refused.getBody().getDetail()
                : refused.getBody().getTitle();
        FhirRequestException outcome = FhirRequestException.of(HttpStatus.valueOf(status.value()),
                issueType(status.value()), detail);
        return ResponseEntity.status(status).headers(refused.getHeaders()).cacheControl(CacheControl.noStore())
                .contentType(MediaType.parseMediaType(FhirJson.MEDIA_TYPE)).body(fhir.write(outcome.outcome()));
    }

    private static IssueType issueType(int status) {
        return switch (status) {
            case 403 -> IssueType.FORBIDDEN;
            case 409 -> IssueType.CONFLICT;
            case 429 -> IssueType.THROTTLED;
            case 422 -> IssueType.BUSINESSRULE;
            default -> IssueType.INVALID;
        };
    }

    /** The property path of a violation is the contract's field name, which is the item's linkId. */
    private static Problem problem(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String linkId = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
        return new Problem("QuestionnaireResponse.repeat(item).where(linkId='" + linkId + "')",
                "'" + linkId + "' " + violation.getMessage());
    }
}
