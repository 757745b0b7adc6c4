package clinic.intake.audit;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.UUID;

/**
 * What only the controller knows, handed to {@link AuditFilter} as request attributes: the id of a report
 * it has just created, and that it refused a report the caller does not own (the answer is a 404, so
 * the caller learns nothing; the audit row says DENIED).
 */
public final class AuditMarks {

    static final String OBJECT_ID = AuditMarks.class.getName() + ".objectId";
    static final String DENIED = AuditMarks.class.getName() + ".denied";

    private AuditMarks() {
    }

    public static void created(UUID reportId) {
        set(OBJECT_ID, reportId.toString());
    }

    public static void deniedObject() {
        set(DENIED, Boolean.TRUE);
    }

    private static void set(String name, Object value) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(name, value, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
