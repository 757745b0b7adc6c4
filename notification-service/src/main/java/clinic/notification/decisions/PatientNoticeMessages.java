package clinic.notification.decisions;

import clinic.events.triage.SelfCarePlan;
import clinic.notification.delivery.DeliveryTask;
import clinic.notification.delivery.Message;
import clinic.notification.delivery.MessageComposer;
import clinic.notification.log.NotificationKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.Map;

/**
 * The patient's email: the headline and message of the notice, the self-care plan or interim advice when
 * there is one, and a link to the report's status page in intake-service. No name: the email quotes nothing
 * typed into the report. The email channel sends this only to an address intake vouches for; any other gets
 * only a "we received your report" email instead (see {@code email.UnconfirmedAddressMessages}).
 */
@Component
class PatientNoticeMessages implements MessageComposer {

    static final String TEMPLATE = "patient-notice";

    private final JsonMapper json;
    private final String intakeBaseUrl;

    PatientNoticeMessages(JsonMapper json,
                          @Value("${clinic.links.intake-base-url:http://localhost:8081}") String intakeBaseUrl) {
        this.json = json;
        this.intakeBaseUrl = intakeBaseUrl.replaceAll("/+$", "");
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.PATIENT_NOTICE;
    }

    @Override
    public Message compose(DeliveryTask task) {
        PatientNotice notice = json.readValue(task.content(), PatientNotice.class);
        Map<String, Object> model = new HashMap<>();
        model.put("headline", notice.headline());
        model.put("message", notice.message());
        model.put("disposition", notice.disposition().name());
        model.put("plan", notice.plan() == null ? null : plan(notice.plan()));
        model.put("statusLink", intakeBaseUrl + "/reports/" + task.reportId());
        return new Message(notice.headline(), TEMPLATE, model, null);
    }

    /** Templates read maps: the expression language does not know record accessors. */
    private static Map<String, Object> plan(SelfCarePlan plan) {
        Map<String, Object> map = new HashMap<>();
        map.put("summary", plan.summary());
        map.put("advice", plan.advice());
        map.put("watchFor", plan.watchFor());
        map.put("howToGetHelp", plan.howToGetHelp());
        map.put("expectedCourse", plan.expectedCourse());
        map.put("recheck", plan.recheck());
        return map;
    }
}
