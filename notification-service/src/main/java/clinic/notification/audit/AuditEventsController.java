package clinic.notification.audit;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Operations' view of the audit trail for one object, newest first; {@code ?objectId=<reportId>&role=CLINICIAN}
 * shows the clinicians' views of a report. OPS only (security rules).
 */
@RestController
class AuditEventsController {

    private static final Pattern ROLE = Pattern.compile("PATIENT|CLINICIAN|OPS|CLIENT|ANONYMOUS");

    private final AuditEvents events;

    AuditEventsController(AuditEvents events) {
        this.events = events;
    }

    @GetMapping("/ops/v1/audit-events")
    List<AuditEvents.AuditEvent> find(@RequestParam String objectId, @RequestParam(required = false) String role) {
        if (!AuditedRoute.UUID.matcher(objectId.strip()).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Parameter 'objectId' must be a report or alert id.");
        }
        if (role != null && !ROLE.matcher(role).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Parameter 'role' must be PATIENT, CLINICIAN, OPS, CLIENT or ANONYMOUS.");
        }
        return events.find(objectId.strip().toLowerCase(), role);
    }
}
