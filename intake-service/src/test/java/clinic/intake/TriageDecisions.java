package clinic.intake;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.OutgoingEvent;
import clinic.events.triage.Disposition;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.SelfCarePlan;
import clinic.events.triage.TriageDecisionMade;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes {@code clinic.triage.decision-made.v1} events as the triage service would. */
public final class TriageDecisions {

    private static final EventCodec TRIAGE = new EventCodec("/clinic/triage-service");
    private static final RulesetRef RULESET = new RulesetRef("heel-pain", "1.0.0", "d".repeat(64));

    private TriageDecisions() {
    }

    /** A plan whose every part can be recognised on a page or in JSON. */
    public static SelfCarePlan plan(String marker) {
        return new SelfCarePlan("Summary " + marker, List.of("Advice one " + marker, "Advice two " + marker),
                List.of("Watch for a sudden pop " + marker, "Watch for numbness " + marker),
                "Help: contact the clinic " + marker, "Course: several weeks " + marker,
                "Re-check in 2 weeks " + marker);
    }

    public static OutgoingEvent decision(UUID reportId, Disposition disposition, SelfCarePlan plan) {
        Instant decidedAt = Instant.now();
        return TRIAGE.encode(ClinicTopics.TRIAGE_DECISIONS, reportId, new TriageDecisionMade(reportId, disposition,
                List.of(), List.of(), List.of(), plan, RULESET, decidedAt), decidedAt);
    }

    public static void publish(KafkaTemplate<String, byte[]> kafka, UUID reportId, Disposition disposition,
            SelfCarePlan plan) {
        try {
            kafka.send(EventCodec.toProducerRecord(decision(reportId, disposition, plan))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
