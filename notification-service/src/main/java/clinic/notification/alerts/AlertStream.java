package clinic.notification.alerts;

import clinic.notification.NotificationProperties;
import clinic.support.work.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dashboard feed of this instance: reads {@code alert_feed} when nudged after a commit that appended to it
 * ({@link AlertFeed#append}) and, as a fallback and for entries other instances appended, every poll interval,
 * and pushes each new entry to this instance's subscribers as a server-sent event ({@code id} = feed id, name = {@code alert-raised} etc.,
 * data = the alert as {@code GET /api/v1/alerts} shows it). Because it reads the shared table, every
 * instance's subscribers see every alert, whichever instance raised it.
 * <p>
 * Each subscriber has its own cursor: a new one starts at the current end of the feed, a reconnecting one
 * at its {@code Last-Event-ID}, and the next round sends it what it missed. Sends happen on the poller's
 * thread only, so one emitter never gets two events at once. Subscribers leave on completion, timeout or
 * a failed send; an idle stream gets a heartbeat comment so proxies keep it open.
 */
@Component
public class AlertStream extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
    private static final int BATCH = 200;
    private static final long RECONNECT_MILLIS = 2_000;

    private final AlertFeed feed;
    private final AlertQueue queue;
    private final NotificationProperties.Stream properties;
    private final Clock clock;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong subscriptions = new AtomicLong();
    private Instant lastHeartbeat;

    private static final class Subscriber {
        final SseEmitter emitter;
        volatile long cursor;

        Subscriber(SseEmitter emitter, long cursor) {
            this.emitter = emitter;
            this.cursor = cursor;
        }
    }

    AlertStream(AlertFeed feed, AlertQueue queue, NotificationProperties properties, Clock clock) {
        super("alert-stream", properties.stream().pollInterval());
        this.feed = feed;
        this.queue = queue;
        this.properties = properties.stream();
        this.clock = clock;
        this.lastHeartbeat = clock.instant();
    }

    /** A {@code Last-Event-ID} header as a feed id; null (start from now) for anything that is not one. */
    public static Long feedId(String lastEventIdHeader) {
        if (lastEventIdHeader == null || !lastEventIdHeader.strip().matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(lastEventIdHeader.strip());
    }

    /** @param lastEventId the last feed id the client saw (reconnect), or null to start from now */
    public SseEmitter subscribe(Long lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Subscriber subscriber = new Subscriber(emitter, lastEventId != null ? lastEventId : feed.lastId());
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> {
            subscribers.remove(subscriber);
            emitter.complete();
        });
        emitter.onError(error -> subscribers.remove(subscriber));
        try {
            // Sent before the poller can see this subscriber (so never concurrently with it): the response
            // starts at once instead of at the first event, and clients learn how soon to reconnect.
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("connected"));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        subscribers.add(subscriber);
        subscriptions.incrementAndGet();
        nudge();
        return emitter;
    }

    /** How many subscriptions this instance has accepted so far (open or not). */
    long subscriptionCount() {
        return subscriptions.get();
    }

    @Override
    protected void round() {
        if (subscribers.isEmpty()) {
            return;
        }
        long from = subscribers.stream().mapToLong(s -> s.cursor).min().orElse(Long.MAX_VALUE);
        List<AlertFeed.Entry> entries;
        do {
            entries = feed.after(from, BATCH);
            Map<UUID, Optional<AlertView>> views = new HashMap<>();
            for (AlertFeed.Entry entry : entries) {
                Optional<AlertView> view = views.computeIfAbsent(entry.alertId(), queue::find);
                view.ifPresent(alert -> subscribers.forEach(subscriber -> send(subscriber, entry, alert)));
                from = entry.feedId();
            }
        } while (entries.size() == BATCH);
        heartbeat();
    }

    private void send(Subscriber subscriber, AlertFeed.Entry entry, AlertView alert) {
        if (subscriber.cursor >= entry.feedId()) {
            return;
        }
        try {
            subscriber.emitter.send(SseEmitter.event().id(Long.toString(entry.feedId()))
                    .name(entry.event().eventName()).data(alert, MediaType.APPLICATION_JSON));
            subscriber.cursor = entry.feedId();
        } catch (IOException | IllegalStateException e) {
            drop(subscriber);
        }
    }

    private void heartbeat() {
        Instant now = clock.instant();
        if (Duration.between(lastHeartbeat, now).compareTo(properties.heartbeat()) < 0) {
            return;
        }
        lastHeartbeat = now;
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                drop(subscriber);
            }
        }
    }

    private void drop(Subscriber subscriber) {
        subscribers.remove(subscriber);
        try {
            subscriber.emitter.complete();
        } catch (RuntimeException e) {
            log.debug("Emitter already closed: {}", e.getClass().getName());
        }
    }

    @Override
    public void stop() {
        super.stop();
        subscribers.forEach(this::drop);
    }
}
