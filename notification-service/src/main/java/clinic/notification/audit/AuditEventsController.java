package clinic.notification.audit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Operations' view of the audit trail for one object, newest first; {@code ?objectId=<reportId>&role=CLINICIAN}
 * shows the clinicians' views of a report. OPS only (security rules).
 */
@RestController
class AuditEventsController {

    private final AuditEvents events;

    AuditEventsController(AuditEvents events) {
        this.events = events;
    }

    @GetMapping("/ops/v1/audit-events")
    List<AuditEvents.AuditEvent> find(@RequestParam @NotBlank String objectId,
                                      @RequestParam(required = false) @Pattern(regexp = "[A-Z]{1,20}") String role) {
        return events.find(objectId.strip().toLowerCase(), role);
    }
}
