package clinic.support.kafka;

import clinic.events.ClinicTopic;

import java.util.List;
import java.util.stream.Stream;

/**
 * The topics a service produces or consumes, declared as a bean: each is created at start-up, with its
 * dead-letter topic, where missing ({@code clinic.kafka.partitions}, {@code clinic.kafka.replication-factor}).
 */
public record ServiceTopics(List<String> names) {

    public static ServiceTopics of(ClinicTopic<?>... topics) {
        return new ServiceTopics(Stream.of(topics)
                .flatMap(topic -> Stream.of(topic.name(), topic.deadLetterTopic()))
                .toList());
    }
}
