package clinic.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import clinic.deploy.K8s.Rendered;
import clinic.deploy.K8s.Resource;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The namespace enforces the Pod Security Standard "restricted", which refuses a non-compliant pod only when it
 * is created: a Deployment is accepted and then never gets a pod. So every pod template of every rendered
 * overlay is checked here against the standard's rules, Strimzi's templates included (the operator builds the
 * Kafka and entity operator pods from them). Also: every pod has its own ServiceAccount and no API token.
 */
class PodSecurityTest {

    /** Volume types "restricted" allows. */
    private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret", "name");

    @Test
    void theNamespaceEnforcesRestricted() {
        Map<String, Object> labels = map(at(K8s.named("Namespace", "clinic").doc(), "metadata.labels"));
        assertThat(labels).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @Test
    void theReadmeInstallsTheStrimziVersionTestedHereWithTheRestrictedProvider() {
        String readme = Repo.text("deploy/README.md");
        // without it Strimzi builds pods that the namespace's admission refuses
        assertThat(readme).contains("'extraEnvs[0].name=STRIMZI_POD_SECURITY_PROVIDER_CLASS'",
                "'extraEnvs[0].value=restricted'");
        java.util.regex.Matcher helm = java.util.regex.Pattern.compile("strimzi-kafka-operator --version (\\S+)")
                .matcher(readme);
        assertThat(helm.find()).isTrue();
        // the operator installed is the one whose API classes StrictSchemaTest reads the manifests with
        assertThat(Repo.text("deploy/pom.xml")).contains("<strimzi.version>" + helm.group(1) + "</strimzi.version>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodTemplateMeetsTheRestrictedStandard(String overlayName) {
        Rendered overlay = K8s.render(overlayName, getClass());
        Map<String, List<String>> violations = new LinkedHashMap<>();
        int checked = 0;
        for (Resource workload : KubernetesManifestsTest.workloads(overlay)) {
            violations.put(workload.toString(), violations(workload.podSpec()));
            checked++;
        }
        for (Map.Entry<String, Map<String, Object>> pod : strimziPods(overlay).entrySet()) {
            violations.put(pod.getKey(), violations(pod.getValue()));
            checked++;
        }
        violations.values().removeIf(List::isEmpty);
        assertThat(violations).isEmpty();
        // 3 services (+ PostgreSQL in dev), the Kafka, its entity operator, each node pool
        assertThat(checked).isGreaterThanOrEqualTo(3 + 2 + overlay.ofKind("KafkaNodePool").size());
    }

    @Test
    void theCheckFindsWhatRestrictedRefuses() {
        Map<String, Object> compliant = pod(container(Map.of("allowPrivilegeEscalation", false,
                "capabilities", Map.of("drop", List.of("ALL")))));
        assertThat(violations(compliant)).isEmpty();
        Map<String, Object> escalating = pod(container(Map.of("capabilities", Map.of("drop", List.of("ALL")))));
        assertThat(violations(escalating)).anyMatch(v -> v.contains("allowPrivilegeEscalation"));
        Map<String, Object> keepsCapabilities = pod(container(Map.of("allowPrivilegeEscalation", false)));
        assertThat(violations(keepsCapabilities)).anyMatch(v -> v.contains("drop ALL"));
        Map<String, Object> hostPath = pod(container(Map.of("allowPrivilegeEscalation", false,
                "capabilities", Map.of("drop", List.of("ALL")))));
        hostPath.put("volumes", List.of(Map.of("name", "root", "hostPath", Map.of("path", "/"))));
        assertThat(violations(hostPath)).anyMatch(v -> v.contains("hostPath"));
        Map<String, Object> root = pod(container(Map.of("allowPrivilegeEscalation", false,
                "capabilities", Map.of("drop", List.of("ALL")), "runAsUser", 0)));
        assertThat(violations(root)).anyMatch(v -> v.contains("runAsUser 0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodRunsUnderItsOwnServiceAccountWithoutAnApiToken(String overlayName) {
        Rendered overlay = K8s.render(overlayName, getClass());
        for (Resource workload : KubernetesManifestsTest.workloads(overlay)) {
            Map<String, Object> pod = workload.podSpec();
            String account = string(pod, "serviceAccountName");
            assertThat(account).as(workload + " serviceAccountName").isNotNull().isNotEqualTo("default");
            // its own: no two workloads share an identity
            assertThat(account).isEqualTo(workload.name());
            assertThat(pod.get("automountServiceAccountToken")).as(workload + " pod").isEqualTo(false);
            Resource serviceAccount = overlay.named("ServiceAccount", account);
            assertThat(serviceAccount.doc().get("automountServiceAccountToken")).as(serviceAccount.toString())
                    .isEqualTo(false);
        }
    }

    /** The pod specs Strimzi builds from the Kafka's and the node pools' templates, as far as they say. */
    private static Map<String, Map<String, Object>> strimziPods(Rendered overlay) {
        Map<String, Map<String, Object>> pods = new LinkedHashMap<>();
        for (Resource kafka : overlay.ofKind("Kafka")) {
            pods.put(kafka + " kafka", strimziPod(kafka, "spec.kafka.template", "kafkaContainer"));
            pods.put(kafka + " entity operator", strimziPod(kafka, "spec.entityOperator.template",
                    "topicOperatorContainer", "userOperatorContainer"));
        }
        for (Resource pool : overlay.ofKind("KafkaNodePool")) {
            pods.put(pool.toString(), strimziPod(pool, "spec.template", "kafkaContainer"));
        }
        return pods;
    }

    private static Map<String, Object> strimziPod(Resource resource, String template, String... containers) {
        Map<String, Object> pod = new LinkedHashMap<>();
        Object securityContext = at(resource.doc(), template + ".pod.securityContext");
        if (securityContext != null) {
            pod.put("securityContext", securityContext);
        }
        List<Object> specs = new ArrayList<>();
        for (String container : containers) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", container);
            Object context = at(resource.doc(), template + "." + container + ".securityContext");
            if (context != null) {
                spec.put("securityContext", context);
            }
            specs.add(spec);
        }
        pod.put("containers", specs);
        return pod;
    }

    /** What "restricted" (latest) refuses in a pod spec, one message per finding. */
    static List<String> violations(Map<String, Object> pod) {
        List<String> found = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (Boolean.TRUE.equals(pod.get(host))) {
                found.add(host);
            }
        }
        for (Object volume : listAt(pod, "volumes")) {
            for (String type : map(volume).keySet()) {
                if (!VOLUME_TYPES.contains(type)) {
                    found.add("volume type " + type);
                }
            }
        }
        Object podRunAsNonRoot = at(pod, "securityContext.runAsNonRoot");
        Object podSeccomp = at(pod, "securityContext.seccompProfile.type");
        if (Integer.valueOf(0).equals(at(pod, "securityContext.runAsUser"))) {
            found.add("pod runAsUser 0");
        }
        List<Object> containers = new ArrayList<>(listAt(pod, "containers"));
        containers.addAll(listAt(pod, "initContainers"));
        if (containers.isEmpty()) {
            found.add("no containers to check");
        }
        for (Object node : containers) {
            Map<String, Object> container = map(node);
            String name = string(container, "name");
            Object runAsNonRoot = at(container, "securityContext.runAsNonRoot");
            if (!Boolean.TRUE.equals(runAsNonRoot != null ? runAsNonRoot : podRunAsNonRoot)) {
                found.add(name + ": runAsNonRoot");
            }
            Object seccomp = at(container, "securityContext.seccompProfile.type");
            Object profile = seccomp != null ? seccomp : podSeccomp;
            if (!Set.of("RuntimeDefault", "Localhost").contains(String.valueOf(profile))) {
                found.add(name + ": seccompProfile RuntimeDefault");
            }
            if (!Boolean.FALSE.equals(at(container, "securityContext.allowPrivilegeEscalation"))) {
                found.add(name + ": allowPrivilegeEscalation false");
            }
            if (Boolean.TRUE.equals(at(container, "securityContext.privileged"))) {
                found.add(name + ": privileged");
            }
            if (Integer.valueOf(0).equals(at(container, "securityContext.runAsUser"))) {
                found.add(name + ": runAsUser 0");
            }
            if (!listAt(container, "securityContext.capabilities.drop").contains("ALL")) {
                found.add(name + ": capabilities drop ALL");
            }
            for (Object added : listAt(container, "securityContext.capabilities.add")) {
                if (!"NET_BIND_SERVICE".equals(added)) {
                    found.add(name + ": capability " + added);
                }
            }
            for (Object port : listAt(container, "ports")) {
                if (map(port).get("hostPort") != null) {
                    found.add(name + ": hostPort");
                }
            }
        }
        return found;
    }

    private static Map<String, Object> container(Map<String, Object> securityContext) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "app");
        container.put("securityContext", new LinkedHashMap<>(securityContext));
        return container;
    }

    private static Map<String, Object> pod(Map<String, Object> container) {
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("securityContext", Map.of("runAsNonRoot", true, "seccompProfile", Map.of("type", "RuntimeDefault")));
        pod.put("containers", List.of(container));
        return pod;
    }
}
