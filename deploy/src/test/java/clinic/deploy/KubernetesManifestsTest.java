package clinic.deploy;

import clinic.support.testing.RequiredTool;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import clinic.deploy.K8s.Resource;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.mapAt;
import static clinic.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

class KubernetesManifestsTest {

    @Test
    void thereIsOneDeploymentPerServiceWithItsContractPort() {
        assertThat(K8s.ofKind("Deployment")).extracting(Resource::name)
                .containsExactlyInAnyOrderElementsOf(Contract.services());
        Contract.PORTS.forEach((service, port) -> {
            Map<String, Object> container = K8s.named("Deployment", service).containers().get(0);
            assertThat(listAt(container, "ports")).extracting(p -> map(p).get("containerPort")).containsExactly(port);
        });
    }

    @Test
    void everyDeploymentProbesLivenessAndReadinessOnTheContractPaths() {
        for (Resource deployment : K8s.ofKind("Deployment")) {
            int port = Contract.PORTS.get(deployment.name());
            for (Map<String, Object> container : deployment.containers()) {
                assertThat(probe(container, "livenessProbe")).as(deployment + " liveness")
                        .isEqualTo(Contract.LIVENESS + "@" + port);
                assertThat(probe(container, "readinessProbe")).as(deployment + " readiness")
                        .isEqualTo(Contract.READINESS + "@" + port);
                assertThat(probe(container, "startupProbe")).as(deployment + " startup")
                        .isEqualTo(Contract.LIVENESS + "@" + port);
            }
        }
    }

    @Test
    void everyContainerHasResourcesAndRunsAsNonRootOnAReadOnlyRootWithAWritableTmp() {
        for (Resource deployment : K8s.ofKind("Deployment")) {
            Map<String, Object> pod = deployment.podSpec();
            assertThat(at(pod, "securityContext.runAsNonRoot")).as(deployment + " pod runAsNonRoot").isEqualTo(true);
            Set<String> emptyDirs = listAt(pod, "volumes").stream().map(Yamls::map)
                    .filter(volume -> volume.containsKey("emptyDir"))
                    .map(volume -> String.valueOf(volume.get("name"))).collect(Collectors.toSet());
            for (Map<String, Object> container : deployment.containers()) {
                for (String path : List.of("resources.requests.cpu", "resources.requests.memory",
                        "resources.limits.cpu", "resources.limits.memory")) {
                    assertThat(at(container, path)).as(deployment + " " + path).isNotNull();
                }
                assertThat(at(container, "securityContext.readOnlyRootFilesystem")).as(deployment + "").isEqualTo(true);
                assertThat(at(container, "securityContext.allowPrivilegeEscalation")).as(deployment + "").isEqualTo(false);
                assertThat(at(container, "securityContext.runAsNonRoot")).as(deployment + "").isNotEqualTo(false);
                assertThat(listAt(container, "volumeMounts")).as(deployment + " /tmp on an emptyDir")
                        .anySatisfy(mount -> {
                            assertThat(map(mount).get("mountPath")).isEqualTo("/tmp");
                            assertThat(emptyDirs).contains(String.valueOf(map(mount).get("name")));
                        });
            }
        }
    }

    @Test
    void secretSettingsComeFromSecretKeyRefsNeverFromLiteralsOrConfigMaps() {
        int secretRefs = 0;
        for (Resource deployment : K8s.ofKind("Deployment")) {
            for (Map<String, Object> container : deployment.containers()) {
                for (Map<String, Object> variable : K8s.env(container)) {
                    String name = String.valueOf(variable.get("name"));
                    boolean fromSecret = at(variable, "valueFrom.secretKeyRef") != null;
                    if (Contract.isSecretName(name) || name.endsWith("ISSUERURI")) {
                        assertThat(fromSecret).as(deployment + " " + name + " must use secretKeyRef").isTrue();
                        secretRefs++;
                    }
                    assertThat(at(variable, "valueFrom.configMapKeyRef") == null || !Contract.isSecretName(name))
                            .as(deployment + " " + name).isTrue();
                }
            }
        }
        assertThat(secretRefs).as("secret settings wired from Secrets").isGreaterThanOrEqualTo(3 * 4 + 2);
    }

    @Test
    void everyDeploymentNamesItsKafkaInstanceAfterThePod() {
        for (Resource deployment : K8s.ofKind("Deployment")) {
            for (Map<String, Object> container : deployment.containers()) {
                assertThat(K8s.env(container)).as(deployment + " CLINIC_KAFKA_INSTANCE_NAME from the pod's name")
                        .anySatisfy(variable -> {
                            assertThat(variable.get("name")).isEqualTo("CLINIC_KAFKA_INSTANCE_NAME");
                            assertThat(at(variable, "valueFrom.fieldRef.fieldPath")).isEqualTo("metadata.name");
                        });
            }
        }
    }

    @Test
    void everyDeploymentLogsEcsJsonAndExportsTracesOnlyWhereAnEndpointIsSet() {
        String endpoint = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";
        for (Resource deployment : K8s.ofKind("Deployment")) {
            for (Map<String, Object> container : deployment.containers()) {
                Map<String, Object> env = literalEnvironment(container);
                assertThat(env).as(deployment.toString()).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
                // unset = no export; an empty value would not mean "off"
                if (env.containsKey(endpoint)) {
                    assertThat(String.valueOf(env.get(endpoint))).as(deployment + " " + endpoint)
                            .matches("https?://.+");
                }
            }
        }
        // the setting to turn traces on is documented where an operator sets it
        assertThat(Repo.text(K8s.DIR + "/observability-config.yaml")).contains("# " + endpoint + ": http");
    }

    @Test
    void configMapsHoldNoSecretSettings() {
        List<Resource> configMaps = K8s.ofKind("ConfigMap");
        assertThat(configMaps).hasSizeGreaterThanOrEqualTo(4);
        for (Resource configMap : configMaps) {
            mapAt(configMap.doc(), "data").forEach((key, value) -> {
                assertThat(Contract.isSecretName(key) || key.endsWith("ISSUERURI")).as(configMap + " key " + key).isFalse();
                assertThat(String.valueOf(value)).as(configMap + " " + key)
                        .doesNotContainIgnoringCase("password=").doesNotContainIgnoringCase("LoginModule");
            });
        }
    }

    @Test
    void everySecretKeyRefHasACommittedTemplateWithOnlyPlaceholderSecrets() {
        Set<String> templated = new HashSet<>();
        for (Resource template : K8s.secretTemplates()) {
            assertThat(template.kind()).as(template.file().toString()).isEqualTo("Secret");
            for (String section : List.of("stringData", "data")) {
                Object entries = at(template.doc(), section);
                if (entries != null) {
                    map(entries).forEach((key, value) -> {
                        templated.add(template.name() + "/" + key);
                        if (Contract.isSecretName(key)) {
                            assertThat(String.valueOf(value)).as(template + " " + key).contains("REPLACE_ME");
                        }
                    });
                }
            }
        }
        Set<String> referenced = new HashSet<>();
        for (Resource deployment : K8s.ofKind("Deployment")) {
            for (Map<String, Object> container : deployment.containers()) {
                K8s.env(container).stream().map(variable -> at(variable, "valueFrom.secretKeyRef")).filter(ref -> ref != null)
                        .forEach(ref -> referenced.add(map(ref).get("name") + "/" + map(ref).get("key")));
            }
        }
        assertThat(referenced).isNotEmpty();
        assertThat(templated).containsAll(referenced);
        // filled-in copies may exist in an operator's checkout, but git must never pick them up
        assertThat(Repo.text("deploy/.gitignore").lines()).contains("k8s/secrets/*.yaml", "compose.env");
    }

    @Test
    void everyDeploymentHasAServicePodDisruptionBudgetAndAutoscaler() {
        for (String service : Contract.services()) {
            Resource svc = K8s.named("Service", service);
            assertThat(map(at(svc.doc(), "spec.selector"))).containsEntry("app.kubernetes.io/name", service);
            assertThat(listAt(svc.doc(), "spec.ports")).extracting(p -> map(p).get("port"))
                    .containsExactly(Contract.PORTS.get(service));
            assertThat(map(at(K8s.named("PodDisruptionBudget", service).doc(), "spec.selector.matchLabels")))
                    .containsEntry("app.kubernetes.io/name", service);
            Resource hpa = K8s.named("HorizontalPodAutoscaler", service);
            assertThat(string(hpa.doc(), "spec.scaleTargetRef.name")).isEqualTo(service);
            assertThat((Integer) at(hpa.doc(), "spec.minReplicas")).isGreaterThanOrEqualTo(2);
            Map<String, Object> labels = mapAt(K8s.named("Deployment", service).doc(), "spec.template.metadata.labels");
            assertThat(labels).containsEntry("app.kubernetes.io/name", service);
        }
    }

    @Test
    void podsAreAnnotatedForPrometheusScrapingOfTheActuatorEndpoint() {
        for (Resource deployment : K8s.ofKind("Deployment")) {
            Map<String, Object> annotations = mapAt(deployment.doc(), "spec.template.metadata.annotations");
            assertThat(annotations).as(deployment.toString())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", Contract.METRICS)
                    .containsEntry("prometheus.io/port", String.valueOf(Contract.PORTS.get(deployment.name())));
        }
    }

    @Test
    void strimziOwnsExactlyTheContractTopicsWithThreePartitions() {
        List<Resource> topics = K8s.ofKind("KafkaTopic");
        assertThat(topics).extracting(topic -> string(topic.doc(), "spec.topicName"))
                .containsExactlyInAnyOrderElementsOf(Contract.ALL_TOPICS);
        for (Resource topic : topics) {
            assertThat(at(topic.doc(), "spec.partitions")).as(topic.toString()).isEqualTo(3);
            assertThat(map(at(topic.doc(), "metadata.labels"))).containsEntry("strimzi.io/cluster", "clinic-kafka");
        }
        assertThat(mapAt(K8s.named("ConfigMap", "clinic-kafka").doc(), "data"))
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("SPRING_KAFKA_ADMIN_AUTOCREATE", "false");
    }

    @Test
    void kustomizationListsEveryManifestAndNoSecret() {
        Map<String, Object> kustomization = Repo.yaml(K8s.DIR + "/kustomization.yaml");
        Set<String> listed = listAt(kustomization, "resources").stream().map(String::valueOf).collect(Collectors.toSet());
        Path dir = Repo.path(K8s.DIR);
        Set<String> present = Repo.files(K8s.DIR, ".yaml").stream()
                .filter(file -> !K8s.isSecretTemplateDir(file))
                .map(file -> dir.relativize(file).toString())
                .filter(file -> !file.equals("kustomization.yaml"))
                .collect(Collectors.toSet());
        assertThat(listed).isEqualTo(present);
        assertThat(listed).noneMatch(resource -> resource.startsWith("secrets"));
        assertThat(string(kustomization, "namespace")).isEqualTo("clinic");
    }

    @Test
    void kubectlRendersTheKustomization() {
        Tool kubectl = Tool.require(RequiredTool.KUBECTL, getClass());
        Tool.Result result = kubectl.run("kustomize", K8s.DIR);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().filter("kind: Deployment"::equals).count()).isEqualTo(3);
        assertThat(result.output()).contains("namespace: clinic").doesNotContain("kind: Secret");
    }

    /** The variables a container gets from its envFrom ConfigMaps and literal env values, later ones winning. */
    private static Map<String, Object> literalEnvironment(Map<String, Object> container) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object source : listAt(container, "envFrom")) {
            Object configMap = at(map(source), "configMapRef.name");
            if (configMap != null) {
                env.putAll(mapAt(K8s.named("ConfigMap", String.valueOf(configMap)).doc(), "data"));
            }
        }
        for (Map<String, Object> variable : K8s.env(container)) {
            if (variable.containsKey("value")) {
                env.put(String.valueOf(variable.get("name")), variable.get("value"));
            }
        }
        return env;
    }

    private static String probe(Map<String, Object> container, String probe) {
        Object path = at(container, probe + ".httpGet.path");
        Object port = at(container, probe + ".httpGet.port");
        if (path == null || port == null) {
            return null;
        }
        Object number = "http".equals(port) ? listAt(container, "ports").stream().map(Yamls::map)
                .filter(p -> "http".equals(p.get("name"))).map(p -> p.get("containerPort")).findFirst().orElse(null) : port;
        return path + "@" + number;
    }
}
