package clinic.events;

/** A Kafka topic together with the one event type it carries. */
public record ClinicTopic<T>(String name, EventType<T> eventType) {

    /** Where records that can never be processed go, with their original bytes and a reason header. */
    public String deadLetterTopic() {
        return name + ".dlt";
    }
}
