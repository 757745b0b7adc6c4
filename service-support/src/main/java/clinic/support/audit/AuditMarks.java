package clinic.support.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What only the controller knows, handed to the audit filter as request attributes: the id of an object it
 * has just created, and that it refused an object the caller may not see (the answer is a 404, so the caller
 * learns nothing; the audit row says DENIED).
 */
public final class AuditMarks {

    private static final String OBJECT_ID = AuditMarks.class.getName() + ".objectId";
    private static final String DENIED = AuditMarks.class.getName() + ".denied";
    private static final String OBJECT_IDS = AuditMarks.class.getName() + ".objectIds";

    private AuditMarks() {
    }

    /** The current request created this object: its audit row names it. */
    public static void created(UUID objectId) {
        set(OBJECT_ID, objectId.toString());
    }

    /** The current request concerns this object, which its path does not name (a link's token): its row names it. */
    public static void about(UUID objectId) {
        set(OBJECT_ID, objectId.toString());
    }

    /**
     * The current request concerns each of these objects (a lookup of several at once): the trail gets one row per
     * object, all written in one transaction, as if each had been asked for alone.
     */
    public static void aboutEach(Collection<UUID> objectIds) {
        set(OBJECT_IDS, objectIds.stream().map(UUID::toString).distinct().toList());
    }

    /** The current request was refused the object it asked for, although its answer does not say so. */
    public static void deniedObject() {
        set(DENIED, Boolean.TRUE);
    }

    static String createdId(HttpServletRequest request) {
        return request.getAttribute(OBJECT_ID) instanceof String id ? id : null;
    }

    @SuppressWarnings("unchecked")
    static List<String> objectIds(HttpServletRequest request) {
        return request.getAttribute(OBJECT_IDS) instanceof List<?> ids ? (List<String>) ids : List.of();
    }

    static boolean denied(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(DENIED));
    }

    private static void set(String name, Object value) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(name, value, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
