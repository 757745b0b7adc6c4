package clinic.intake.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Operations' view of the audit trail: who touched a report, e.g. clinicians' views with {@code role=CLINICIAN}. */
@RestController
@Tag(name = "Operations", description = "Audit trail; OPS role only")
class AuditEventsController {

    private final AuditTrail trail;

    AuditEventsController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping(path = "/ops/v1/audit-events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Audit events of one object, newest first (at most 500)")
    ResponseEntity<List<AuditEventView>> events(@RequestParam(required = false) String objectId,
            @RequestParam(required = false) String role) {
        String id = AuditedRoute.safe(objectId);
        if (id == null || (role != null && !role.matches("[A-Z]{1,20}"))) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "objectId is required (a report id); role, if given, is a role name such as CLINICIAN.");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(trail.find(id, role));
    }
}
