package clinic.notification;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.OutgoingEvent;
import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.events.triage.RedFlag;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.SelfCarePlan;
import clinic.events.triage.TriageDecisionMade;
import clinic.events.triage.UrgentReviewRequested;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Events as the triage service publishes them, encoded with the shared codec, and a way to send them. */
public final class TestEvents {

    public static final EventCodec TRIAGE_CODEC = new EventCodec("/clinic/triage-service");
    public static final RulesetRef RULESET = new RulesetRef("heel-pain", "1.0.0", "a".repeat(64));
    public static final Instant TIME = Instant.parse("2026-11-25T10:15:30Z");

    private TestEvents() {
    }

    public static OutgoingEvent urgentReview(UUID reportId, Disposition disposition) {
        RedFlag flag = disposition == Disposition.EMERGENCY ? RedFlag.SUSPECTED_RUPTURE_OR_FRACTURE : RedFlag.FEVER;
        UrgentReviewRequested review = new UrgentReviewRequested(reportId, disposition, List.of(flag),
                List.of(rule(flag, disposition)), RULESET, TIME);
        return TRIAGE_CODEC.encode(ClinicTopics.URGENT_REVIEWS, reportId, review, TIME);
    }

    public static OutgoingEvent decision(UUID reportId, Disposition disposition) {
        return TRIAGE_CODEC.encode(ClinicTopics.TRIAGE_DECISIONS, reportId, decisionPayload(reportId, disposition),
                TIME);
    }

    public static TriageDecisionMade decisionPayload(UUID reportId, Disposition disposition) {
        List<RedFlag> flags = switch (disposition) {
            case EMERGENCY -> List.of(RedFlag.SUSPECTED_RUPTURE_OR_FRACTURE);
            case URGENT_REVIEW -> List.of(RedFlag.FEVER);
            default -> List.of();
        };
        List<FiredRule> rules = flags.stream().map(flag -> rule(flag, disposition)).toList();
        if (disposition == Disposition.ROUTINE_REVIEW) {
            rules = List.of(new FiredRule("RT-DIABETES", disposition, List.of("hasDiabetes = true"),
                    "Heel pain with diabetes deserves a clinician's review"));
        }
        SelfCarePlan plan = switch (disposition) {
            case SELF_CARE -> plan("Likely plantar heel pain: start with self-care");
            case ROUTINE_REVIEW -> plan("Interim advice until a clinician reviews your report");
            default -> null;
        };
        return new TriageDecisionMade(reportId, disposition, flags,
                List.of(new LikelyCondition(Condition.PLANTAR_HEEL_PAIN, 5, List.of("+ bottom or inner heel"))),
                rules, plan, RULESET, TIME);
    }

    public static SelfCarePlan plan(String summary) {
        return new SelfCarePlan(summary, List.of("Reduce painful miles for a while", "Calf and plantar fascia stretches"),
                List.of("Numbness or tingling", "Fever"), "Contact the clinic", "Most cases settle over weeks",
                "Re-check in 2 weeks");
    }

    private static FiredRule rule(RedFlag flag, Disposition disposition) {
        return new FiredRule("RF-" + flag.name(), disposition, List.of("answer triggering " + flag.name()),
                "Source statement for " + flag.name());
    }

    /** Sends an event as its Kafka record and waits for the broker's acknowledgement. */
    public static RecordMetadata send(KafkaTemplate<String, byte[]> kafka, OutgoingEvent event) {
        return send(kafka, EventCodec.toProducerRecord(event));
    }

    /** Sends an event to one partition, e.g. behind records whose processing a test waits for. */
    public static RecordMetadata send(KafkaTemplate<String, byte[]> kafka, OutgoingEvent event, int partition) {
        ProducerRecord<String, byte[]> record = EventCodec.toProducerRecord(event);
        return send(kafka, new ProducerRecord<>(record.topic(), partition, record.key(), record.value(),
                record.headers()));
    }

    public static RecordMetadata send(KafkaTemplate<String, byte[]> kafka, ProducerRecord<String, byte[]> record) {
        try {
            return kafka.send(record).get(30, TimeUnit.SECONDS).getRecordMetadata();
        } catch (Exception e) {
            throw new IllegalStateException("Could not send a test record", e);
        }
    }
}
