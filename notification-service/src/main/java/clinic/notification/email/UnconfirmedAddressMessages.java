package clinic.notification.email;

import clinic.notification.contacts.PatientContact;
import clinic.notification.delivery.DeliveryTask;
import clinic.notification.delivery.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The only email a patient address gets while intake does not vouch for it ({@link PatientContact#emailConfirmed()}
 * is false), whatever the notice was. Anyone can put someone else's address on a report: mailing that address the
 * notice (or, as before, the name typed into the report) would relay a stranger's words and a stranger's health
 * advice under the clinic's name, and would disclose the report to whoever owns the address. So this email is
 * fixed text: a report was received, the link to confirm the address when intake gave one, and the report's
 * status page, which needs sign-in. Nothing from the report or the triage decision goes into it.
 */
@Component
class UnconfirmedAddressMessages {

    private static final Logger log = LoggerFactory.getLogger(UnconfirmedAddressMessages.class);

    static final String TEMPLATE = "patient-confirm-email";
    static final String SUBJECT = "We received your heel-pain report";

    /**
     * A plain absolute path: starts with one slash, only unreserved characters, percent escapes and a simple query.
     * Anything else (a second leading slash, {@code @}, {@code :}, a backslash, spaces) could make the link point
     * away from intake, so it is not linked at all.
     */
    private static final Pattern PLAIN_PATH = Pattern.compile("/(?!/)[A-Za-z0-9._~%/-]*(\\?[A-Za-z0-9._~%=&-]*)?");

    private final String intakeBaseUrl;

    UnconfirmedAddressMessages(@Value("${clinic.links.intake-base-url:http://localhost:8081}") String intakeBaseUrl) {
        this.intakeBaseUrl = intakeBaseUrl.replaceAll("/+$", "");
    }

    Message compose(DeliveryTask task, PatientContact contact) {
        Map<String, Object> model = new HashMap<>();
        model.put("confirmationLink", confirmationLink(task, contact.confirmationPath()));
        model.put("statusLink", intakeBaseUrl + "/reports/" + task.reportId());
        return new Message(SUBJECT, TEMPLATE, model, null);
    }

    /** Null when intake gave no path, or one that is not a plain path on its own base URL. */
    private String confirmationLink(DeliveryTask task, String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        if (!PLAIN_PATH.matcher(path).matches()) {
            // Not the path itself: it carries the confirmation token.
            log.warn("Intake's confirmation path for report {} is not a plain path; the email goes out without it",
                    task.reportId());
            return null;
        }
        return intakeBaseUrl + path;
    }
}
