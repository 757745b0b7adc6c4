package clinic.intake.report;

import clinic.fhir.HeelPainIntake;
import clinic.support.fhir.FhirJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import clinic.support.fhir.FhirRequestException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The intake form as a FHIR R4 Questionnaire, for an EHR to show or to answer, and the code systems of its
 * choices. Public: they hold no patient data.
 */
@RestController
@Tag(name = "FHIR intake", description = "The heel-pain intake as FHIR R4: the Questionnaire and its responses")
class QuestionnaireController {

    static final String PATH = "/fhir/Questionnaire/" + HeelPainIntake.QUESTIONNAIRE_ID;

    static final String CODE_SYSTEMS = "/fhir/CodeSystem/";

    private final String questionnaire;
    private final Map<String, String> codeSystems;

    QuestionnaireController(FhirJson fhir) {
        this.questionnaire = fhir.write(HeelPainQuestionnaire.build());
        this.codeSystems = HeelPainQuestionnaire.codeSystems().stream().collect(Collectors.toUnmodifiableMap(
                system -> system.getIdElement().getIdPart(), fhir::write));
    }

    @GetMapping(path = PATH, produces = FhirJson.MEDIA_TYPE)
    @Operation(summary = "The heel-pain intake Questionnaire (FHIR R4)",
            description = "One item per field of the JSON intake contract; each linkId is the JSON field name "
                    + "(patient details as patient.email and so on). Items sit in four groups; a response may "
                    + "answer them in those groups or flat.")
    @ApiResponse(responseCode = "200", description = "The Questionnaire, canonical url " + HeelPainIntake.URL
            + ", version " + HeelPainIntake.VERSION)
    ResponseEntity<String> questionnaire() {
        return published(questionnaire);
    }

    @GetMapping(path = CODE_SYSTEMS + "{id}", produces = FhirJson.MEDIA_TYPE)
    @Operation(summary = "A code system of the Questionnaire's answers (FHIR R4 CodeSystem)",
            description = "The codes of one choice, e.g. pain-location: the JSON API's enum values, with the "
                    + "form's words as display. The url of each is " + HeelPainIntake.BASE + "/CodeSystem/{id}.")
    @ApiResponse(responseCode = "200", description = "The CodeSystem")
    @ApiResponse(responseCode = "404", description = "No such code system (an OperationOutcome)")
    ResponseEntity<String> codeSystem(@PathVariable String id) {
        String system = codeSystems.get(id);
        if (system == null) {
            throw FhirRequestException.of(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "no CodeSystem with this id");
        }
        return published(system);
    }

    /** Published conformance resources change with the version only: caches may keep them for an hour. */
    private static ResponseEntity<String> published(String resource) {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .eTag("\"" + HeelPainIntake.VERSION + "\"").body(resource);
    }
}
