package clinic.triage.audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * For operations: who touched an object, newest first. {@code ?objectId=<reportId>&role=CLINICIAN} lists
 * the clinicians' views of a report. OPS only (see the security configuration).
 */
@RestController
class AuditController {

    private static final Pattern OBJECT_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ROLE = Pattern.compile("[A-Z_]{1,60}");

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/ops/v1/audit-events")
    List<AuditEntry> events(@RequestParam String objectId, @RequestParam(required = false) String role) {
        if (!OBJECT_ID.matcher(objectId).matches()) {
            throw badRequest("objectId must be a report id (a UUID).");
        }
        if (role != null && !ROLE.matcher(role).matches()) {
            throw badRequest("role must be a role name such as CLINICIAN.");
        }
        return auditLog.find(objectId.toLowerCase(Locale.ROOT), role);
    }

    private static ErrorResponseException badRequest(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid audit query");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
