package clinic.notification.contacts;

import java.util.UUID;

/**
 * A patient's contact as intake-service answers it. Held only while one email is sent: never stored,
 * never logged ({@link #toString()} leaves the name and address out so a stray log line cannot leak them).
 */
public record PatientContact(UUID reportId, String name, String email) {

    @Override
    public String toString() {
        return "PatientContact[reportId=" + reportId + "]";
    }
}
