package clinic.intake.report;

import clinic.support.audit.AuditMarks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Patient contact lookup for the notification service, which fetches name and email at send time so
 * that they never travel in events. Deliberately logs nothing: the answer is patient data.
 * Only a client-credentials token with scope {@code patients:contact} may call it (ApiSecurityConfig).
 */
@RestController
@Tag(name = "Internal", description = "Service-to-service lookups; not for patients or browsers")
class PatientContactController {

    static final String PATH = "/internal/v1/patient-contacts/{reportId}";
    static final String LOOKUPS_PATH = "/internal/v1/patient-contacts/lookups";
    /** The most report ids one lookup may name: the notification service's largest delivery batch. */
    static final int MAX_LOOKUP = 100;

    /** Body of a lookup of several reports' contacts. */
    record ContactLookup(List<String> reportIds) {
    }

    /** The contacts found, and the ids of reports intake does not know (each would be a 404 alone). */
    record ContactLookupAnswer(List<PatientContact> contacts, List<UUID> unknownReportIds) {
    }
    private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final SymptomReportService reports;

    PatientContactController(SymptomReportService reports) {
        this.reports = reports;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Name and email of the patient who submitted a report")
    @ApiResponse(responseCode = "200", description = "The patient's contact details")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<PatientContact> contact(@PathVariable String reportId) {
        UUID id = ReportIds.parse(reportId).orElseThrow(InvalidReportIdException::new);
        PatientContact contact = reports.contact(id).orElseThrow(ReportNotFoundException::new);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(contact);
    }

    /**
     * The contacts of up to {@value #MAX_LOOKUP} reports in one call: one request and one audit transaction for a
     * batch of emails instead of one each (the lookups of a batch were most of intake's load from notification).
     * The audit trail still gets a row per report looked up, known or not.
     */
    @PostMapping(path = LOOKUPS_PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Email contacts of several reports' patients at once")
    @ApiResponse(responseCode = "200", description = "The contacts found and the ids not known")
    @ApiResponse(responseCode = "400", description = "No ids, more than 100, or one that is not a UUID",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ContactLookupAnswer> contacts(@RequestBody ContactLookup lookup) {
        List<String> given = lookup == null || lookup.reportIds() == null ? List.of() : lookup.reportIds();
        if (given.isEmpty() || given.size() > MAX_LOOKUP) {
            throw new InvalidReportIdException("reportIds", "must hold 1 to " + MAX_LOOKUP + " report ids");
        }
        List<UUID> ids = new ArrayList<>(given.size());
        for (String id : given) {
            ids.add(ReportIds.parse(id).orElseThrow(
                    () -> new InvalidReportIdException("reportIds", "must all be UUIDs")));
        }
        AuditMarks.aboutEach(ids);
        List<PatientContact> found = new ArrayList<>();
        List<UUID> unknown = new ArrayList<>();
        reports.contacts(ids).forEach((id, contact) -> contact.ifPresentOrElse(found::add, () -> unknown.add(id)));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new ContactLookupAnswer(found, unknown));
    }
}
