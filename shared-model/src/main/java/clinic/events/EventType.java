package clinic.events;

import clinic.events.intake.SymptomReportSubmitted;
import clinic.events.review.ReviewCompleted;
import clinic.events.triage.TriageDecisionMade;
import clinic.events.triage.UrgentReviewRequested;

import java.util.List;
import java.util.Optional;

/**
 * A CloudEvents type of the clinic with its payload record and JSON Schema. The wire carries
 * {@link #type()} (name and version), never a Java class name, so producers and consumers can evolve
 * their code independently.
 */
public final class EventType<T> {

    public static final EventType<SymptomReportSubmitted> SYMPTOM_REPORT_SUBMITTED = new EventType<>(
            "clinic.intake.symptom-report-submitted", 1, SymptomReportSubmitted.class);
    public static final EventType<TriageDecisionMade> DECISION_MADE = new EventType<>(
            "clinic.triage.decision-made", 1, TriageDecisionMade.class);
    public static final EventType<UrgentReviewRequested> URGENT_REVIEW_REQUESTED = new EventType<>(
            "clinic.triage.urgent-review-requested", 1, UrgentReviewRequested.class);
    public static final EventType<ReviewCompleted> REVIEW_COMPLETED = new EventType<>(
            "clinic.notification.review-completed", 1, ReviewCompleted.class);

    private static final List<EventType<?>> ALL =
            List.of(SYMPTOM_REPORT_SUBMITTED, DECISION_MADE, URGENT_REVIEW_REQUESTED, REVIEW_COMPLETED);

    private final String name;
    private final int version;
    private final Class<T> payloadType;

    private EventType(String name, int version, Class<T> payloadType) {
        this.name = name;
        this.version = version;
        this.payloadType = payloadType;
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    /** Looks up a type by its full CloudEvents type string, e.g. {@code clinic.triage.decision-made.v1}. */
    public static Optional<EventType<?>> fromType(String ceType) {
        return ALL.stream().filter(t -> t.type().equals(ceType)).findFirst();
    }

    /** The full CloudEvents {@code ce_type}, name plus version. */
    public String type() {
        return name + ".v" + version;
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public Class<T> payloadType() {
        return payloadType;
    }

    /** Classpath location of the JSON Schema of the payload. */
    public String schemaResource() {
        return "/schemas/" + type() + ".schema.json";
    }

    /** The {@code ce_dataschema} URI announced on every event of this type. */
    public String dataSchemaUri() {
        return "urn:clinic:schema:" + type();
    }

    @Override
    public String toString() {
        return type();
    }
}
