package clinic.intake.outbox;

import clinic.events.OutgoingEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Where domain code drops the events it produces. Appending requires the caller's transaction, so an
 * event is committed together with the change it announces or not at all; {@link OutboxRelay}
 * publishes it afterwards.
 */
@Component
public class Outbox {

    private final OutboxRepository events;
    private final Clock clock;

    Outbox(OutboxRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OutgoingEvent event) {
        events.save(new OutboxEvent(event, clock.instant()));
    }
}
