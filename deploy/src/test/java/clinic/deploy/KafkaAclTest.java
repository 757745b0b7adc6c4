package clinic.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import clinic.deploy.K8s.Resource;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.mapAt;
import static clinic.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Strimzi KafkaUsers grant each service exactly what its code does on Kafka: read the topics it listens
 * to in its own consumer group, write the topics it publishes to and the dead-letter topic of each topic it
 * reads. Who does what is read from the services' sources (listeners, outbox encodes, consumer group) and
 * must agree with DESIGN.md's flow, written out below; the ACLs are then compared with it, both ways.
 */
class KafkaAclTest {

    /** DESIGN.md's flow: service -> (consumed topics, produced topics). */
    private static final Map<String, Flow> DESIGN = Map.of(
            "intake-service", new Flow(Set.of("clinic.triage-decisions.v1"), Set.of("clinic.symptom-reports.v1")),
            "triage-service", new Flow(Set.of("clinic.symptom-reports.v1"),
                    Set.of("clinic.triage-decisions.v1", "clinic.urgent-reviews.v1")),
            "notification-service", new Flow(Set.of("clinic.triage-decisions.v1", "clinic.urgent-reviews.v1"),
                    Set.of("clinic.review-outcomes.v1")));

    private static final Pattern TOPIC_CONSTANT =
            Pattern.compile("(\\w+)\\s*=\\s*new ClinicTopic<>\\(\\s*\"([^\"]+)\"");
    private static final Pattern LISTENER = Pattern.compile(
            "@KafkaListener\\(([^)]*?)topics\\s*=\\s*\"#\\{T\\(clinic\\.events\\.ClinicTopics\\)\\.(\\w+)");
    private static final Pattern ENCODE = Pattern.compile("encode\\(\\s*ClinicTopics\\.(\\w+)");
    private static final Pattern GROUP_ATTRIBUTE = Pattern.compile("groupId\\s*=\\s*(\\w+)\\.(\\w+)");

    record Flow(Set<String> consumes, Set<String> produces) {
    }

    @Test
    void theServicesSourcesDoOnKafkaWhatDesignMdSays() {
        for (String service : Contract.services()) {
            assertThat(fromSources(service)).as(service).isEqualTo(DESIGN.get(service));
        }
    }

    @Test
    void eachKafkaUserMayDoExactlyWhatItsServiceDoes() {
        Map<String, Set<String>> granted = new TreeMap<>();
        for (Resource user : K8s.ofKind("KafkaUser")) {
            assertThat(string(user.doc(), "apiVersion")).isEqualTo("kafka.strimzi.io/v1");
            assertThat(string(user.doc(), "spec.authorization.type")).isEqualTo("simple");
            Set<String> acls = new TreeSet<>();
            for (Object rule : listAt(user.doc(), "spec.authorization.acls")) {
                Map<String, Object> acl = map(rule);
                // a prefix or a wildcard would grant topics and groups nobody has looked at
                assertThat(string(acl, "resource.patternType")).as(user + " " + acl).isEqualTo("literal");
                assertThat(string(acl, "resource.name")).as(user + " " + acl).doesNotContain("*");
                assertThat(acl).as(user + ": v1 knows `operations` only").doesNotContainKey("operation");
                for (Object operation : listAt(acl, "operations")) {
                    acls.add(operation + " " + string(acl, "resource.type") + " " + string(acl, "resource.name"));
                }
            }
            granted.put(user.name(), acls);
        }
        Map<String, Set<String>> needed = new TreeMap<>();
        for (String service : Contract.services()) {
            Flow flow = fromSources(service);
            Set<String> acls = new TreeSet<>();
            flow.consumes().forEach(topic -> acls.add("Read topic " + topic));
            acls.add("Read group " + consumerGroup(service));
            flow.produces().forEach(topic -> acls.add("Write topic " + topic));
            // service-support's dead-letter recoverer writes a record that failed for good to <topic>.dlt
            flow.consumes().forEach(topic -> acls.add("Write topic " + topic + ".dlt"));
            needed.put(kafkaUserOf(service), acls);
        }
        // ops-cli reads each dead-letter topic (assigned partitions, no group) and replays to the original topic
        Set<String> operations = new TreeSet<>();
        Contract.EVENT_TOPICS.forEach(topic -> {
            operations.add("Read topic " + topic + ".dlt");
            operations.add("Write topic " + topic);
        });
        needed.put("clinic-ops-kafka", operations);
        assertThat(granted).isEqualTo(needed);
    }

    @Test
    void theServicesLogInTheWayTheListenerAndTheirUsersExpect() {
        Resource kafka = K8s.named("Kafka", "clinic-kafka");
        Map<String, Object> kafkaConfig = mapAt(K8s.named("ConfigMap", "clinic-kafka").doc(), "data");
        String bootstrap = String.valueOf(kafkaConfig.get("KAFKA_BOOTSTRAP_SERVERS"));
        // Strimzi's bootstrap Service is <cluster>-kafka-bootstrap; the port picks the listener
        assertThat(bootstrap).startsWith(kafka.name() + "-kafka-bootstrap:");
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        Map<String, Object> listener = listAt(kafka.doc(), "spec.kafka.listeners").stream().map(Yamls::map)
                .filter(l -> Integer.valueOf(port).equals(l.get("port"))).findFirst()
                .orElseThrow(() -> new AssertionError("no listener on " + port));
        assertThat(listener.get("tls")).isEqualTo(true);
        String authentication = string(listener, "authentication.type");
        assertThat(kafkaConfig.get("SPRING_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        assertThat(String.valueOf(kafkaConfig.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).toLowerCase())
                .isEqualTo(authentication);
        for (String service : Contract.services()) {
            Resource user = K8s.named("KafkaUser", kafkaUserOf(service));
            assertThat(string(user.doc(), "spec.authentication.type")).as(user.toString()).isEqualTo(authentication);
            assertThat(map(at(user.doc(), "metadata.labels"))).containsEntry("strimzi.io/cluster", kafka.name());
            // the template of the Secret Strimzi writes names the same SCRAM user
            Resource template = K8s.secretTemplates().stream().filter(t -> t.name().equals(user.name())).findFirst()
                    .orElseThrow();
            assertThat(String.valueOf(mapAt(template.doc(), "stringData").get("sasl.jaas.config")))
                    .contains("username=\"" + user.name() + "\"");
            // the cluster CA's Secret is named after the Kafka by Strimzi
            assertThat(secretRefs(service)).contains(user.name() + "/sasl.jaas.config",
                    kafka.name() + "-cluster-ca-cert/ca.password");
        }
    }

    static Flow fromSources(String service) {
        Map<String, String> topics = new TreeMap<>();
        Matcher constants =
                TOPIC_CONSTANT.matcher(Repo.text("shared-model/src/main/java/clinic/events/ClinicTopics.java"));
        while (constants.find()) {
            topics.put(constants.group(1), constants.group(2));
        }
        Set<String> consumes = new TreeSet<>();
        Set<String> produces = new TreeSet<>();
        for (var file : Repo.files(service + "/src/main/java", ".java")) {
            String source = Repo.text(file);
            Matcher listener = LISTENER.matcher(source);
            while (listener.find()) {
                consumes.add(topics.get(listener.group(2)));
                Matcher group = GROUP_ATTRIBUTE.matcher(listener.group(1));
                if (group.find()) {
                    assertThat(constantValue(service, group.group(1), group.group(2))).as(file + " group")
                            .isEqualTo(consumerGroup(service));
                }
            }
            Matcher encode = ENCODE.matcher(source);
            while (encode.find()) {
                produces.add(topics.get(encode.group(1)));
            }
        }
        return new Flow(consumes, produces);
    }

    /** spring.kafka.consumer.group-id of the service's own configuration file. */
    static String consumerGroup(String service) {
        String file = service + "/src/main/resources/" + service.replace("-service", "") + ".yml";
        return string(Repo.yaml(file), "spring.kafka.consumer.group-id");
    }

    static String kafkaUserOf(String service) {
        return service + "-kafka";
    }

    private static String constantValue(String service, String type, String constant) {
        Pattern declaration = Pattern.compile(constant + "\\s*=\\s*\"([^\"]+)\"");
        for (var file : Repo.files(service + "/src/main/java", type + ".java")) {
            Matcher matcher = declaration.matcher(Repo.text(file));
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no " + type + "." + constant + " in " + service);
    }

    private static Set<String> secretRefs(String service) {
        Set<String> refs = new TreeSet<>();
        for (Map<String, Object> variable : K8s.env(K8s.named("Deployment", service).containers().get(0))) {
            Object ref = at(variable, "valueFrom.secretKeyRef");
            if (ref != null) {
                refs.add(map(ref).get("name") + "/" + map(ref).get("key"));
            }
        }
        return refs;
    }
}
