package clinic.support.audit;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Operations' view of the audit trail: who touched an object, newest first; {@code ?objectId=<reportId>
 * &role=CLINICIAN} lists the clinicians' views of a report. Each service's security rules give it to OPS only.
 * Reading the trail is audited too, under the object asked about ({@link AuditTrailAutoConfiguration}).
 */
@RestController
class AuditEventsController {

    static final String PATH = "/ops/v1/audit-events";
    private static final List<String> ROLES = List.of("PATIENT", "CLINICIAN", "OPS", "CLIENT", "ANONYMOUS");

    private final AuditEvents events;

    AuditEventsController(AuditEvents events) {
        this.events = events;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> events(@RequestParam(required = false) String objectId,
                             @RequestParam(required = false) String role) {
        String id = ObjectIds.canonical(objectId);
        if (id == null || (role != null && !ROLES.contains(role))) {
            // the problem body repeats neither value: they are the caller's text
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "objectId is required "
                    + "(an object's id, a UUID); role, if given, is one of " + String.join(", ", ROLES) + ".");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(events.find(id, role));
    }
}
