package clinic.notification.alerts;

import clinic.support.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.UUID;

/** The clinicians' alert queue and its live feed. */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts", description = "The clinicians' queue of urgent reports, and its live feed")
class AlertsController {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final AlertQueue queue;
    private final AlertStream stream;

    AlertsController(AlertQueue queue, AlertStream stream) {
        this.queue = queue;
        this.stream = stream;
    }

    /**
     * The dashboard feed as server-sent events. A reconnecting client's {@code Last-Event-ID} replays what it
     * missed; a value that is not a feed id is ignored (the client then starts from now).
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live feed of the alert queue (server-sent events)",
            description = "Send Last-Event-ID when reconnecting to replay what was missed. Clinicians only.")
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return stream.subscribe(AlertStream.feedId(lastEventId));
    }

    /**
     * HEAD of the feed: the headers a subscription gets, at once, without subscribing. Spring MVC would answer
     * HEAD with the GET handler, and a subscription without a body to write would hold the connection, and a
     * subscriber, until the stream's timeout (30 minutes).
     */
    @RequestMapping(path = "/stream", method = RequestMethod.HEAD, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<Void> streamHeaders() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).build();
    }

    @GetMapping
    @Operation(summary = "Open alerts", description = "The alerts no clinician has acknowledged yet. Clinicians only.")
    List<AlertView> openAlerts() {
        return queue.open();
    }

    /**
     * Acknowledged by the caller: the clinician is the token's actor, never a name sent in a body (a body is
     * ignored, so nobody can acknowledge in someone else's name).
     */
    @PostMapping("/{alertId}/acknowledgement")
    @Operation(summary = "Acknowledge an alert", description = "In the caller's name (the token's clinician); a "
            + "request body is ignored. Clinicians only.")
    @ApiResponse(responseCode = "200", description = "The acknowledged alert")
    @ApiResponse(responseCode = "404", description = "No such alert",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    AlertView acknowledge(@PathVariable UUID alertId, Authentication caller) {
        return queue.acknowledge(alertId, Actor.of(caller).id());
    }
}
