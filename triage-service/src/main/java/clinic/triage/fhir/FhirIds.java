package clinic.triage.fhir;

import clinic.events.triage.RedFlag;
import clinic.support.fhir.FhirRequestException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;

import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids of the resources triage serves, and the report ids callers search by. A FHIR id has at most 64
 * characters, and a report id (36) plus the longest red flag in kebab case (30) would not fit; so a DetectedIssue's
 * id is the report id without its hyphens, then the flag: {@code 3f2a...9c-severe-pain}. A ServiceRequest's id is
 * the report id itself, as a report has at most one clinician review. Refusals never repeat what the caller sent:
 * it may be anything, a patient's name included.
 */
final class FhirIds {

    static final String SUBJECT_REPORT = "subject-report";

    private static final Pattern DETECTED_ISSUE = Pattern.compile("([0-9a-f]{32})-([a-z-]{1,31})");

    private FhirIds() {
    }

    static String detectedIssue(UUID reportId, RedFlag flag) {
        return reportId.toString().replace("-", "") + "-" + ClinicCodes.kebab(flag);
    }

    /** The report of a DetectedIssue id, if the id has the form {@link #detectedIssue} gives. */
    static Optional<UUID> reportOfDetectedIssue(String id) {
        Matcher matcher = DETECTED_ISSUE.matcher(id);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String hex = matcher.group(1);
        long high = HexFormat.fromHexDigitsToLong(hex, 0, 16);
        long low = HexFormat.fromHexDigitsToLong(hex, 16, 32);
        return Optional.of(new UUID(high, low));
    }

    /** The {@code subject-report} search parameter: required, and a report id is a UUID. */
    static UUID subjectReport(String value) {
        if (value == null || value.isBlank()) {
            throw FhirRequestException.of(HttpStatus.BAD_REQUEST, IssueType.REQUIRED,
                    "the search parameter subject-report (a report id) is required");
        }
        return reportId(value, "subject-report must be a report id (a UUID)");
    }

    /** The id of a ServiceRequest read: a report id. */
    static UUID serviceRequest(String id) {
        return reportId(id, "a ServiceRequest id is a report id (a UUID)");
    }

    static FhirRequestException notFound(String resourceType) {
        return FhirRequestException.of(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                "no " + resourceType + " with this id (yet); a report is usually decided within seconds");
    }

    private static UUID reportId(String value, String diagnostics) {
        try {
            UUID id = UUID.fromString(value);
            // UUID.fromString also takes short forms such as 1-2-3-4-5: only the canonical form names a report
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // refused below, like every other malformed id
        }
        // no expression: a search parameter or a path segment is no element FHIRPath could point at
        throw FhirRequestException.invalid(HttpStatus.BAD_REQUEST, null, diagnostics);
    }
}
