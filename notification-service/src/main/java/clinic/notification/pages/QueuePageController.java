package clinic.notification.pages;

import io.swagger.v3.oas.annotations.Hidden;
import clinic.notification.alerts.AlertNotFoundException;
import clinic.notification.alerts.AlertQueue;
import clinic.notification.alerts.AlertStream;
import clinic.notification.alerts.AlertView;
import clinic.notification.decisions.RoutineQueue;
import clinic.support.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The clinicians' queue page ({@code /}): open alerts, most urgent then oldest first, beside the routine review
 * queue. The page's script keeps it current without a reload: it listens to the alert feed ({@code /alerts/feed},
 * the same server-sent events as the API's stream, opened with the page's session cookie) and, on each event,
 * fetches the lists again ({@code /queue}, the same template's fragment).
 */
@Controller
@Hidden // a clinician page, not API
class QueuePageController {

    private final AlertQueue alerts;
    private final RoutineQueue routine;
    private final AlertStream feed;
    private final Clock clock;

    QueuePageController(AlertQueue alerts, RoutineQueue routine, AlertStream feed, Clock clock) {
        this.alerts = alerts;
        this.routine = routine;
        this.feed = feed;
        this.clock = clock;
    }

    @GetMapping("/")
    String queuePage(Model model, Authentication clinician) {
        lists(model);
        model.addAttribute("clinicianId", Actor.of(clinician).id());
        return "queue";
    }

    /** The lists alone, for the page's script to swap in. */
    @GetMapping("/queue")
    String queueLists(Model model) {
        lists(model);
        return "queue :: lists";
    }

    /**
     * The alert feed for the page. A reconnecting browser sends {@code Last-Event-ID} and gets what it missed;
     * anything that is not a feed id starts from now.
     */
    @GetMapping(path = "/alerts/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter alertFeed(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return feed.subscribe(AlertStream.feedId(lastEventId));
    }

    /**
     * HEAD of the feed: its headers at once. Spring MVC would answer HEAD with the GET handler, whose subscription
     * holds the connection (and a subscriber) until the stream times out.
     */
    @RequestMapping(path = "/alerts/feed", method = RequestMethod.HEAD, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<Void> alertFeedHeaders() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).build();
    }

    /**
     * Acknowledged by the signed-in clinician; back to the queue, where the alert has left the open list, or to the
     * alert's case page when the button was pressed there ({@code returnTo=case}: a name, never an address).
     */
    @PostMapping("/alerts/{alertId}/acknowledgement")
    String acknowledge(@PathVariable UUID alertId, @RequestParam(required = false) String returnTo,
                       Authentication clinician) {
        AlertView alert;
        try {
            alert = alerts.acknowledge(alertId, Actor.of(clinician).id());
        } catch (AlertNotFoundException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "case".equals(returnTo) ? "redirect:/cases/" + alert.reportId() : "redirect:/";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }

    private void lists(Model model) {
        Instant now = clock.instant();
        model.addAttribute("alerts", alerts.open().stream().map(alert -> AlertRow.of(alert, now)).toList());
        model.addAttribute("routine", routine.open().stream().map(item -> RoutineRow.of(item, now)).toList());
        model.addAttribute("drawnAt", now);
    }
}
