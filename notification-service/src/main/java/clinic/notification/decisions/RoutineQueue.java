package clinic.notification.decisions;

import clinic.events.triage.LikelyCondition;
import clinic.notification.log.Notification;
import clinic.notification.log.NotificationRepository;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/** The clinicians' routine review queue: reports to review within days, oldest first. */
@Service
public class RoutineQueue {

    private static final Logger log = LoggerFactory.getLogger(RoutineQueue.class);

    /** More would not be read on one screen; the oldest come first, so none is hidden for long. */
    static final int SHOWN = 100;

    private final NotificationRepository notifications;
    private final JsonMapper json;

    RoutineQueue(NotificationRepository notifications, JsonMapper json) {
        this.notifications = notifications;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public List<RoutineReviewView> open() {
        return notifications.findOpenRoutineItems(PageRequest.of(0, SHOWN)).stream().map(this::view).toList();
    }

    /**
     * A row whose stored content lacks a part (written by an older version) is still listed, with what it has:
     * one odd row must not hide the whole queue from the clinicians.
     */
    private RoutineReviewView view(Notification row) {
        RoutineReviewItem item;
        try {
            item = json.readValue(row.content(), RoutineReviewItem.class);
        } catch (JacksonException unreadable) {
            String errorClass = unreadable.getClass().getName();
            log.warn("Routine review item {} has unreadable content ({}); listed without details", row.id(),
                    errorClass);
            return new RoutineReviewView(row.reportId(), row.createdAt(), null, List.of(), null, false);
        }
        List<LikelyCondition> conditions = item.likelyConditions() == null ? List.of() : item.likelyConditions();
        return new RoutineReviewView(row.reportId(), row.createdAt(), item.disposition(),
                item.redFlags() == null ? List.of() : item.redFlags(),
                conditions.isEmpty() ? null : conditions.get(0).condition(), item.planMissing());
    }
}
