package clinic.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import clinic.deploy.K8s.Rendered;
import clinic.deploy.K8s.Resource;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod overlay's NetworkPolicies evaluated as Kubernetes does (policies selecting a pod add up; a pod no
 * policy selects for a direction is open in it; a connection needs the source's egress and the target's ingress),
 * over a small model of the pods and outside addresses, against the flows DESIGN.md needs and flows that must
 * stay shut. The Kafka pods' ingress is what Strimzi generates from the listener's networkPolicyPeers.
 */
class NetworkPolicyTest {

    private static final String NS = "clinic";

    /** A pod (namespace + labels) or an outside address (ip). */
    record Endpoint(String name, String namespace, Map<String, String> labels, String ip) {

        boolean isPod() {
            return ip == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Endpoint intake;
    private Endpoint triage;
    private Endpoint notification;
    private final Endpoint broker = pod("kafka broker", NS, Map.of("strimzi.io/cluster", "clinic-kafka",
            "strimzi.io/name", "clinic-kafka-kafka", "strimzi.io/kind", "Kafka"));
    private final Endpoint ingressController = pod("ingress controller", "ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"));
    private final Endpoint prometheus =
            pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
    private final Endpoint dns = pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"));
    private final Endpoint strangerInNamespace = pod("debug pod in clinic", NS, Map.of("app", "debug"));
    private final Endpoint strangerElsewhere = pod("pod of another team", "shop", Map.of("app", "shop"));
    // the placeholders of network-policies.yaml, and an address nobody configured
    private final Endpoint postgres = address("external PostgreSQL", "192.0.2.10");
    private final Endpoint issuer = address("issuer", "198.51.100.10");
    private final Endpoint smtp = address("SMTP relay", "203.0.113.25");
    private final Endpoint webhookReceiver = address("webhook receiver", "93.184.216.34");
    private final Endpoint kubernetesApi = address("Kubernetes API", "192.0.2.1");
    private final Endpoint privateHost = address("host in the private network", "10.1.2.3");

    private Rendered prod;

    @BeforeEach
    void render() {
        prod = K8s.render("prod", getClass());
        intake = service("intake-service");
        triage = service("triage-service");
        notification = service("notification-service");
    }

    @Test
    void theFlowsOfTheDesignAreOpen() {
        List<String> shut = new ArrayList<>();
        expectOpen(shut, ingressController, intake, 8081, "TCP");
        expectOpen(shut, ingressController, notification, 8083, "TCP");
        for (Endpoint service : List.of(intake, triage, notification)) {
            expectOpen(shut, prometheus, service, port(service), "TCP");
            expectOpen(shut, service, broker, 9093, "TCP");
            expectOpen(shut, service, postgres, 5432, "TCP");
            expectOpen(shut, service, issuer, 443, "TCP");
            expectOpen(shut, service, dns, 53, "UDP");
            expectOpen(shut, service, dns, 53, "TCP");
        }
        expectOpen(shut, notification, intake, 8081, "TCP");
        expectOpen(shut, notification, smtp, 587, "TCP");
        expectOpen(shut, notification, webhookReceiver, 443, "TCP");
        expectOpen(shut, broker, broker, 9091, "TCP");
        expectOpen(shut, broker, kubernetesApi, 443, "TCP");
        assertThat(shut).as("needed flows that the policies block").isEmpty();
    }

    @Test
    void everythingElseIsShut() {
        List<String> open = new ArrayList<>();
        expectShut(open, intake, triage, 8082);
        expectShut(open, triage, intake, 8081);
        expectShut(open, intake, notification, 8083);
        expectShut(open, triage, notification, 8083);
        expectShut(open, ingressController, triage, 8082);
        expectShut(open, ingressController, broker, 9093);
        expectShut(open, prometheus, broker, 9093);
        expectShut(open, strangerElsewhere, intake, 8081);
        expectShut(open, strangerInNamespace, intake, 8081);
        expectShut(open, strangerInNamespace, broker, 9093);
        // PostgreSQL: the three services and nobody else
        expectShut(open, strangerInNamespace, postgres, 5432);
        expectShut(open, broker, postgres, 5432);
        expectShut(open, intake, postgres, 22);
        // mail and webhooks are notification-service's alone; the others reach the issuer only
        expectShut(open, intake, smtp, 587);
        expectShut(open, triage, webhookReceiver, 443);
        expectShut(open, intake, webhookReceiver, 443);
        expectShut(open, notification, privateHost, 443);
        expectShut(open, intake, kubernetesApi, 443);
        expectShut(open, intake, strangerElsewhere, 8080);
        assertThat(open).as("flows that must be blocked but are open").isEmpty();
    }

    @Test
    void theModelNoticesAPolicyThatOpensTooMuch() {
        // a copy of the policies where triage's metrics rule forgot its namespace: every namespace may come in
        List<Map<String, Object>> policies = policies();
        Map<String, Object> widened = new LinkedHashMap<>(policies.stream()
                .filter(policy -> "triage-service-ingress".equals(string(policy, "metadata.name"))).findFirst()
                .orElseThrow());
        widened.put("spec", Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name",
                        "triage-service")), "policyTypes", List.of("Ingress"),
                "ingress", List.of(Map.of("from", List.of(Map.of("namespaceSelector", Map.of()))))));
        policies.add(widened);
        assertThat(allowed(policies, strangerElsewhere, triage, 8082, "TCP")).isTrue();
        assertThat(allowed(policies(), strangerElsewhere, triage, 8082, "TCP")).isFalse();
    }

    private void expectOpen(List<String> shut, Endpoint from, Endpoint to, int port, String protocol) {
        if (!allowed(policies(), from, to, port, protocol)) {
            shut.add(from + " -> " + to + ":" + port + "/" + protocol);
        }
    }

    private void expectShut(List<String> open, Endpoint from, Endpoint to, int port) {
        for (String protocol : List.of("TCP", "UDP")) {
            if (allowed(policies(), from, to, port, protocol)) {
                open.add(from + " -> " + to + ":" + port + "/" + protocol);
            }
        }
    }

    /** The rendered NetworkPolicies plus the one Strimzi makes for the Kafka pods from the listeners' peers. */
    private List<Map<String, Object>> policies() {
        List<Map<String, Object>> policies = new ArrayList<>();
        prod.ofKind("NetworkPolicy").stream().map(Resource::doc).forEach(policies::add);
        for (Resource kafka : prod.ofKind("Kafka")) {
            List<Object> rules = new ArrayList<>();
            for (Object node : listAt(kafka.doc(), "spec.kafka.listeners")) {
                Map<String, Object> listener = map(node);
                Object peers = listener.get("networkPolicyPeers");
                Map<String, Object> rule = new LinkedHashMap<>();
                // without peers Strimzi opens the listener to everyone
                if (peers != null) {
                    rule.put("from", peers);
                }
                rule.put("ports", List.of(Map.of("port", listener.get("port"), "protocol", "TCP")));
                rules.add(rule);
            }
            // replication and controller traffic among the Kafka nodes (Strimzi's policy allows it)
            rules.add(Map.of("from", List.of(Map.of("podSelector",
                    Map.of("matchLabels", Map.of("strimzi.io/cluster", kafka.name()))))));
            policies.add(Map.of("metadata", Map.of("name", "strimzi " + kafka.name()), "spec", Map.of(
                    "podSelector", Map.of("matchLabels", Map.of("strimzi.io/name", kafka.name() + "-kafka")),
                    "policyTypes", List.of("Ingress"), "ingress", rules)));
        }
        return policies;
    }

    static boolean allowed(List<Map<String, Object>> policies, Endpoint from, Endpoint to, int port,
                           String protocol) {
        return direction(policies, from, "Egress", "egress", "to", to, port, protocol)
                && direction(policies, to, "Ingress", "ingress", "from", from, port, protocol);
    }

    /** Whether the policies of namespace clinic let `subject` send (egress) or receive (ingress) this. */
    private static boolean direction(List<Map<String, Object>> policies, Endpoint subject, String type, String key,
                                     String peerKey, Endpoint peer, int port, String protocol) {
        if (!subject.isPod() || !NS.equals(subject.namespace())) {
            return true; // outside addresses and other namespaces are not governed by these policies
        }
        boolean selected = false;
        for (Map<String, Object> policy : policies) {
            if (!listAt(policy, "spec.policyTypes").contains(type)
                    || !selects(map(at(policy, "spec.podSelector")), subject.labels())) {
                continue;
            }
            selected = true;
            for (Object node : listAt(policy, "spec." + key)) {
                Map<String, Object> rule = map(node);
                boolean peerMatches = !rule.containsKey(peerKey)
                        || listAt(rule, peerKey).stream().anyMatch(p -> peerMatches(map(p), peer));
                boolean portMatches = !rule.containsKey("ports") || listAt(rule, "ports").stream()
                        .map(Yamls::map)
                        .anyMatch(p -> (p.get("port") == null || Integer.valueOf(port).equals(p.get("port")))
                                && protocol.equals(p.getOrDefault("protocol", "TCP")));
                if (peerMatches && portMatches) {
                    return true;
                }
            }
        }
        return !selected;
    }

    private static boolean peerMatches(Map<String, Object> peer, Endpoint endpoint) {
        if (peer.containsKey("ipBlock")) {
            return !endpoint.isPod() && inBlock(map(peer.get("ipBlock")), endpoint.ip());
        }
        if (!endpoint.isPod()) {
            return false;
        }
        Object namespaceSelector = peer.get("namespaceSelector");
        boolean namespaceMatches = namespaceSelector == null ? NS.equals(endpoint.namespace())
                : selects(map(namespaceSelector), Map.of("kubernetes.io/metadata.name", endpoint.namespace()));
        Object podSelector = peer.get("podSelector");
        return namespaceMatches && (podSelector == null || selects(map(podSelector), endpoint.labels()));
    }

    /** matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist); {} selects everything. */
    static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        Object matchLabels = selector.get("matchLabels");
        if (matchLabels != null && !map(matchLabels).entrySet().stream()
                .allMatch(entry -> String.valueOf(entry.getValue()).equals(labels.get(entry.getKey())))) {
            return false;
        }
        for (Object node : listAt(selector, "matchExpressions")) {
            Map<String, Object> expression = map(node);
            String value = labels.get(string(expression, "key"));
            List<Object> values = listAt(expression, "values");
            boolean matches = switch (string(expression, "operator")) {
                case "In" -> values.contains(value);
                case "NotIn" -> !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("operator " + expression);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private static boolean inBlock(Map<String, Object> block, String ip) {
        return inCidr(string(block, "cidr"), ip)
                && listAt(block, "except").stream().noneMatch(except -> inCidr(String.valueOf(except), ip));
    }

    private static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private Endpoint service(String name) {
        // the labels of the rendered pod template, not a copy of them
        Map<String, String> labels = new LinkedHashMap<>();
        Resource deployment = prod.named("Deployment", name);
        map(at(deployment.doc(), "spec.template.metadata.labels"))
                .forEach((key, value) -> labels.put(key, String.valueOf(value)));
        return new Endpoint(name, NS, labels, null);
    }

    private static int port(Endpoint service) {
        return Contract.PORTS.get(service.name());
    }

    private static Endpoint pod(String name, String namespace, Map<String, String> labels) {
        return new Endpoint(name, namespace, labels, null);
    }

    private static Endpoint address(String name, String ip) {
        return new Endpoint(name, null, Map.of(), ip);
    }
}
