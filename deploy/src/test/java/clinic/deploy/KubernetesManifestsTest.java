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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import clinic.deploy.K8s.Rendered;
import clinic.deploy.K8s.Resource;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.mapAt;
import static clinic.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests as the cluster receives them: each overlay rendered by kustomize (skipped where kubectl is
 * missing), plus the few checks that are about the files themselves.
 */
class KubernetesManifestsTest {

    private Rendered overlay(String name) {
        return K8s.render(name, getClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void thereIsOneDeploymentPerServiceWithItsContractPort(String overlayName) {
        Rendered overlay = overlay(overlayName);
        assertThat(overlay.ofKind("Deployment")).extracting(Resource::name)
                .containsExactlyInAnyOrderElementsOf(Contract.services());
        Contract.PORTS.forEach((service, port) -> {
            Map<String, Object> container = overlay.named("Deployment", service).containers().get(0);
            assertThat(listAt(container, "ports")).extracting(p -> map(p).get("containerPort")).containsExactly(port);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentProbesLivenessAndReadinessOnTheContractPaths(String overlayName) {
        Rendered overlay = overlay(overlayName);
        for (Resource deployment : overlay.ofKind("Deployment")) {
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

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasResourcesAndRunsAsNonRootOnAReadOnlyRootWithAWritableTmp(String overlayName) {
        Rendered overlay = overlay(overlayName);
        for (Resource deployment : overlay.ofKind("Deployment")) {
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
                assertThat(at(container, "securityContext.allowPrivilegeEscalation")).as(deployment + "")
                        .isEqualTo(false);
                assertThat(at(container, "securityContext.runAsNonRoot")).as(deployment + "").isNotEqualTo(false);
                assertThat(listAt(container, "volumeMounts")).as(deployment + " /tmp on an emptyDir")
                        .anySatisfy(mount -> {
                            assertThat(map(mount).get("mountPath")).isEqualTo("/tmp");
                            assertThat(emptyDirs).contains(String.valueOf(map(mount).get("name")));
                        });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretSettingsComeFromSecretKeyRefsNeverFromLiteralsOrConfigMaps(String overlayName) {
        Rendered overlay = overlay(overlayName);
        int secretRefs = 0;
        for (Resource deployment : overlay.ofKind("Deployment")) {
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

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentNamesItsKafkaInstanceAfterThePod(String overlayName) {
        Rendered overlay = overlay(overlayName);
        for (Resource deployment : overlay.ofKind("Deployment")) {
            for (Map<String, Object> container : deployment.containers()) {
                assertThat(K8s.env(container)).as(deployment + " CLINIC_KAFKA_INSTANCE_NAME from the pod's name")
                        .anySatisfy(variable -> {
                            assertThat(variable.get("name")).isEqualTo("CLINIC_KAFKA_INSTANCE_NAME");
                            assertThat(at(variable, "valueFrom.fieldRef.fieldPath")).isEqualTo("metadata.name");
                        });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentLogsEcsJsonAndExportsTracesOnlyWhereAnEndpointIsSet(String overlayName) {
        Rendered overlay = overlay(overlayName);
        String endpoint = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";
        for (Resource deployment : overlay.ofKind("Deployment")) {
            for (Map<String, Object> container : deployment.containers()) {
                Map<String, Object> env = literalEnvironment(overlay, container);
                assertThat(env).as(deployment.toString()).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
                // unset = no export; an empty value would not mean "off"
                if (env.containsKey(endpoint)) {
                    assertThat(String.valueOf(env.get(endpoint))).as(deployment + " " + endpoint)
                            .matches("https?://.+");
                }
            }
        }
        // the setting to turn traces on is documented where an operator sets it
        assertThat(Repo.text(K8s.BASE + "/observability-config.yaml")).contains("# " + endpoint + ": http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void configMapsHoldNoSecretSettings(String overlayName) {
        Rendered overlay = overlay(overlayName);
        List<Resource> configMaps = overlay.ofKind("ConfigMap");
        assertThat(configMaps).hasSizeGreaterThanOrEqualTo(4);
        for (Resource configMap : configMaps) {
            mapAt(configMap.doc(), "data").forEach((key, value) -> {
                assertThat(Contract.isSecretName(key) || key.endsWith("ISSUERURI")).as(configMap + " key " + key)
                        .isFalse();
                if (key.endsWith(".sh")) {
                    // a script passes passwords through from the environment (a Secret), never as literals
                    assertThat(String.valueOf(value)).as(configMap + " " + key).doesNotContain("REPLACE_ME")
                            .doesNotContainPattern("(?i)password\\s*=\\s*['\"]?[a-z0-9]");
                    return;
                }
                assertThat(String.valueOf(value)).as(configMap + " " + key)
                        .doesNotContainIgnoringCase("password=").doesNotContainIgnoringCase("LoginModule");
            });
        }
    }

    @Test
    void devPostgresCreatesTheDatabasesOfTheSecretTemplatesWithComposesScript() {
        String compose = Repo.text("deploy/postgres/init-databases.sh");
        String dev = Repo.text(K8s.overlayDir("dev") + "/postgres/init-databases.sh");
        // the same statements; only compose's Keycloak database and the header comment differ
        assertThat(dev.lines().filter(line -> !line.startsWith("#")))
                .containsExactlyElementsOf(compose.lines().filter(line -> !line.startsWith("#"))
                        .filter(line -> !line.contains("keycloak")).toList());
        Set<String> created = dev.lines().filter(line -> line.startsWith("create_service_database "))
                .map(line -> line.split(" ")[1]).collect(Collectors.toSet());
        Set<String> wanted = K8s.secretTemplates().stream().filter(secret -> secret.name().endsWith("-db"))
                .map(secret -> string(secret.doc(), "stringData.url").replaceAll(".*/([a-z]+)(\\?.*)?$", "$1"))
                .collect(Collectors.toSet());
        assertThat(created).isEqualTo(wanted).hasSize(3);
        // every password the script reads is handed to the StatefulSet from the Secret
        Resource postgres = overlay("dev").named("StatefulSet", "clinic-postgres");
        Set<String> fromSecret = K8s.env(postgres.containers().get(0)).stream()
                .filter(variable -> at(variable, "valueFrom.secretKeyRef") != null)
                .map(variable -> String.valueOf(variable.get("name"))).collect(Collectors.toSet());
        java.util.regex.Matcher reads = java.util.regex.Pattern.compile("\\$\\{([A-Z_]+):-}").matcher(dev);
        while (reads.find()) {
            assertThat(fromSecret).contains(reads.group(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySecretKeyRefHasACommittedTemplateWithOnlyPlaceholderSecrets(String overlayName) {
        Rendered overlay = overlay(overlayName);
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
        for (Resource deployment : workloads(overlay)) {
            for (Map<String, Object> container : deployment.containers()) {
                K8s.env(container).stream().map(variable -> at(variable, "valueFrom.secretKeyRef"))
                        .filter(ref -> ref != null)
                        .forEach(ref -> referenced.add(map(ref).get("name") + "/" + map(ref).get("key")));
            }
        }
        assertThat(referenced).isNotEmpty();
        assertThat(templated).containsAll(referenced);
        // filled-in copies may exist in an operator's checkout, but git must never pick them up
        assertThat(Repo.text("deploy/.gitignore").lines()).contains("k8s/secrets/*.yaml", "compose.env");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasAServiceAndItsLabelsAndProdScalesWithAnAutoscalerAndADisruptionBudget(String overlayName) {
        Rendered overlay = overlay(overlayName);
        for (String service : Contract.services()) {
            Resource svc = overlay.named("Service", service);
            assertThat(map(at(svc.doc(), "spec.selector"))).containsEntry("app.kubernetes.io/name", service);
            assertThat(listAt(svc.doc(), "spec.ports")).extracting(p -> map(p).get("port"))
                    .containsExactly(Contract.PORTS.get(service));
            Resource deployment = overlay.named("Deployment", service);
            Map<String, Object> labels = mapAt(deployment.doc(), "spec.template.metadata.labels");
            assertThat(labels).containsEntry("app.kubernetes.io/name", service);
            Object replicas = at(deployment.doc(), "spec.replicas");
            if (overlay.isProd()) {
                // a replicas: field would be re-applied on every apply and fight the autoscaler
                assertThat(replicas).as(deployment + " replicas (the HPA owns the count)").isNull();
                Resource hpa = overlay.named("HorizontalPodAutoscaler", service);
                assertThat(string(hpa.doc(), "spec.scaleTargetRef.name")).isEqualTo(service);
                assertThat(string(hpa.doc(), "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
                int min = (Integer) at(hpa.doc(), "spec.minReplicas");
                assertThat(min).as("HA: a pod may be lost").isGreaterThanOrEqualTo(2);
                Resource pdb = overlay.named("PodDisruptionBudget", service);
                assertThat(map(at(pdb.doc(), "spec.selector.matchLabels")))
                        .containsEntry("app.kubernetes.io/name", service);
                // a drain must be able to proceed with the autoscaler at its minimum
                assertThat((Integer) at(pdb.doc(), "spec.minAvailable")).isLessThan(min);
            } else {
                assertThat(replicas).as(deployment + " replicas").isEqualTo(1);
            }
        }
        if (!overlay.isProd()) {
            // one pod each: an autoscaler would add pods, a disruption budget of one pod would block every drain
            assertThat(overlay.ofKind("HorizontalPodAutoscaler")).isEmpty();
            assertThat(overlay.ofKind("PodDisruptionBudget")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podsAreAnnotatedForPrometheusScrapingOfTheActuatorEndpoint(String overlayName) {
        Rendered overlay = overlay(overlayName);
        for (Resource deployment : overlay.ofKind("Deployment")) {
            Map<String, Object> annotations = mapAt(deployment.doc(), "spec.template.metadata.annotations");
            assertThat(annotations).as(deployment.toString())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", Contract.METRICS)
                    .containsEntry("prometheus.io/port", String.valueOf(Contract.PORTS.get(deployment.name())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void strimziOwnsExactlyTheContractTopicsWithThreePartitions(String overlayName) {
        Rendered overlay = overlay(overlayName);
        List<Resource> topics = overlay.ofKind("KafkaTopic");
        assertThat(topics).extracting(topic -> string(topic.doc(), "spec.topicName"))
                .containsExactlyInAnyOrderElementsOf(Contract.ALL_TOPICS);
        Resource kafka = overlay.named("Kafka", "clinic-kafka");
        int brokers = brokers(overlay);
        for (Resource topic : topics) {
            // the current Strimzi API: v1beta2 is deprecated and gone from the operators that serve v1
            assertThat(string(topic.doc(), "apiVersion")).as(topic.toString()).isEqualTo("kafka.strimzi.io/v1");
            assertThat(at(topic.doc(), "spec.partitions")).as(topic.toString()).isEqualTo(3);
            assertThat(map(at(topic.doc(), "metadata.labels"))).containsEntry("strimzi.io/cluster", kafka.name());
            int replicas = (Integer) at(topic.doc(), "spec.replicas");
            // a key with dots: looked up in the config map, not as a path
            int minInSync = (Integer) mapAt(topic.doc(), "spec.config").get("min.insync.replicas");
            assertThat(replicas).as(topic + " replicas on " + brokers + " brokers").isBetween(1, brokers);
            // with more than one replica a broker may be down and writes (acks=all) still succeed
            assertThat(minInSync).as(topic + " min.insync.replicas").isEqualTo(replicas > 1 ? replicas - 1 : 1);
        }
        if (overlay.isProd()) {
            assertThat(brokers).as("prod brokers").isGreaterThanOrEqualTo(3);
        }
        assertThat(mapAt(overlay.named("ConfigMap", "clinic-kafka").doc(), "data"))
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("SPRING_KAFKA_ADMIN_AUTOCREATE", "false");
    }

    @Test
    void everyManifestFileIsUsedByAKustomizationAndNoSecretIs() {
        Set<String> listed = new HashSet<>();
        for (Path kustomization : Repo.files(K8s.DIR, "kustomization.yaml")) {
            Map<String, Object> doc = Repo.yamlDocuments(kustomization).get(0);
            Path dir = kustomization.getParent();
            listAt(doc, "resources").stream().map(String::valueOf)
                    .map(resource -> dir.resolve(resource).normalize())
                    .forEach(resource -> listed.add(Repo.ROOT.relativize(resource).toString()));
            for (Object generator : listAt(doc, "configMapGenerator")) {
                listAt(map(generator), "files").stream().map(String::valueOf)
                        .forEach(file -> listed.add(Repo.ROOT.relativize(dir.resolve(file).normalize()).toString()));
            }
            assertThat(string(doc, "namespace")).as(kustomization.toString()).isEqualTo("clinic");
        }
        Set<String> present = Repo.files(K8s.DIR, "").stream()
                .filter(file -> !K8s.isSecretTemplateDir(file))
                .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                .map(file -> Repo.ROOT.relativize(file).toString())
                .collect(Collectors.toSet());
        // an overlay lists the base as a directory; everything else by file
        listed.removeAll(Set.of(K8s.BASE));
        assertThat(listed).isEqualTo(present);
        assertThat(listed).noneMatch(resource -> resource.contains("/secrets/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubectlRendersEachOverlayWithoutSecrets(String overlayName) {
        String rendered = K8s.renderedText(overlayName, getClass());
        assertThat(rendered.lines().filter("kind: Deployment"::equals).count()).isEqualTo(3);
        assertThat(rendered).contains("namespace: clinic").doesNotContain("kind: Secret");
    }

    @Test
    void eachOverlaySetsTheImagesOnceDevTheLocallyBuiltOnesProdARegistry() {
        for (String name : K8s.OVERLAYS) {
            Map<String, Object> kustomization = Repo.yaml(K8s.overlayDir(name) + "/kustomization.yaml");
            assertThat(listAt(kustomization, "images")).extracting(image -> string(map(image), "name"))
                    .containsExactlyInAnyOrderElementsOf(
                            Contract.services().stream().map(service -> "heel-pain-clinic/" + service).toList());
        }
        Rendered dev = overlay("dev");
        Rendered prod = overlay("prod");
        for (String service : Contract.services()) {
            Map<String, Object> devContainer = dev.named("Deployment", service).containers().get(0);
            // the tag `docker build ... -t heel-pain-clinic/<svc>:local` produces (README), loaded into kind
            assertThat(devContainer.get("image")).isEqualTo("heel-pain-clinic/" + service + ":local");
            assertThat(devContainer.get("imagePullPolicy")).as("never pulled: no registry has it").isEqualTo("Never");
            String image = String.valueOf(prod.named("Deployment", service).containers().get(0).get("image"));
            // registry host/path/name:tag; a bare name would be looked up on Docker Hub
            assertThat(image).matches("[a-z0-9.-]+\\.[a-z]+(:[0-9]+)?/[a-z0-9/-]+/" + service + ":[0-9][0-9A-Za-z.-]*");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaRunsOnNodePoolsThatCarryItsReplicationSettings(String overlayName) {
        Rendered overlay = overlay(overlayName);
        Resource kafka = overlay.named("Kafka", "clinic-kafka");
        assertThat(string(kafka.doc(), "apiVersion")).isEqualTo("kafka.strimzi.io/v1");
        int controllers = 0;
        for (Resource pool : overlay.ofKind("KafkaNodePool")) {
            assertThat(string(pool.doc(), "apiVersion")).isEqualTo("kafka.strimzi.io/v1");
            // a pool joins the cluster its label names: a typo leaves it orphaned and the cluster without nodes
            assertThat(map(at(pool.doc(), "metadata.labels"))).containsEntry("strimzi.io/cluster", kafka.name());
            if (listAt(pool.doc(), "spec.roles").contains("controller")) {
                controllers += (Integer) at(pool.doc(), "spec.replicas");
            }
        }
        int brokers = brokers(overlay);
        // KRaft needs a majority of an odd number of controllers
        assertThat(controllers % 2).as("controllers").isEqualTo(1);
        Map<String, Object> config = mapAt(kafka.doc(), "spec.kafka.config");
        for (String factor : List.of("default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor")) {
            assertThat((Integer) config.get(factor)).as(factor).isBetween(1, brokers);
        }
        int replication = (Integer) config.get("default.replication.factor");
        assertThat(config.get("min.insync.replicas")).isEqualTo(replication > 1 ? replication - 1 : 1);
        assertThat(config.get("auto.create.topics.enable")).isEqualTo(false);
        // what service-support would create a missing topic with must fit the brokers too
        assertThat(Integer.parseInt(String.valueOf(mapAt(overlay.named("ConfigMap", "clinic-kafka").doc(), "data")
                .get("CLINIC_KAFKA_REPLICATIONFACTOR")))).isEqualTo(replication);
        if (overlay.isProd()) {
            assertThat(controllers).as("prod controllers").isGreaterThanOrEqualTo(3);
            assertThat(brokers).as("prod brokers").isGreaterThanOrEqualTo(3);
        } else {
            assertThat(overlay.ofKind("KafkaNodePool")).singleElement()
                    .satisfies(pool -> assertThat(listAt(pool.doc(), "spec.roles"))
                            .containsExactlyInAnyOrder("controller", "broker"));
        }
    }

    @Test
    void prodServesOnlyThePatientAndClinicianPagesAndOnlyOverTls() {
        Rendered prod = overlay("prod");
        Set<String> tlsHosts = new HashSet<>();
        Set<String> backends = new HashSet<>();
        for (Resource ingress : prod.ofKind("Ingress")) {
            for (Object tls : listAt(ingress.doc(), "spec.tls")) {
                assertThat(string(map(tls), "secretName")).isNotBlank();
                listAt(map(tls), "hosts").forEach(host -> tlsHosts.add(String.valueOf(host)));
            }
            for (Object node : listAt(ingress.doc(), "spec.rules")) {
                Map<String, Object> rule = map(node);
                assertThat(tlsHosts).as("host without TLS").contains(string(rule, "host"));
                for (Object path : listAt(rule, "http.paths")) {
                    String service = string(map(path), "backend.service.name");
                    Object port = at(map(path), "backend.service.port.name");
                    // the port of that Service, by the name the Service gives it
                    assertThat(listAt(prod.named("Service", service).doc(), "spec.ports"))
                            .anySatisfy(p -> assertThat(map(p).get("name")).isEqualTo(port));
                    backends.add(service);
                }
            }
        }
        // intake: the patients' pages; notification: the clinicians' pages (DESIGN.md). triage has none.
        assertThat(backends).containsExactlyInAnyOrder("intake-service", "notification-service");
        assertThat(overlay("dev").ofKind("Ingress")).as("dev: port-forward").isEmpty();
    }

    /** Threads besides Tomcat's: JVM (GC, JIT, ...), Kafka consumers and producer, Hikari, schedulers. */
    private static final int OTHER_THREADS = 80;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theJvmMemoryBudgetFitsTheContainerLimitWithHeadroom(String overlayName) {
        Rendered overlay = overlay(overlayName);
        for (Resource deployment : overlay.ofKind("Deployment")) {
            Map<String, Object> container = deployment.containers().get(0);
            Map<String, Object> env = literalEnvironment(overlay, container);
            // what the container runs with: its own JAVA_TOOL_OPTIONS, else the image's (Dockerfile)
            String options = env.containsKey("JAVA_TOOL_OPTIONS") ? String.valueOf(env.get("JAVA_TOOL_OPTIONS"))
                    : dockerfileJavaToolOptions();
            double limit = mebibytes(string(container, "resources.limits.memory"));
            double heap = option(options, "-Xmx")
                    .map(KubernetesManifestsTest::mebibytes)
                    .orElseGet(() -> limit * Double.parseDouble(option(options, "-XX:MaxRAMPercentage=")
                            .orElse("25")) / 100);
            // no default that fits: unset, metaspace is unbounded and the code cache takes 240m
            double metaspace = mebibytes(option(options, "-XX:MaxMetaspaceSize=")
                    .orElseThrow(() -> new AssertionError(deployment + ": no -XX:MaxMetaspaceSize")));
            double codeCache = mebibytes(option(options, "-XX:ReservedCodeCacheSize=").orElse("240m"));
            // unset, direct buffers may grow as large as the heap
            double direct = option(options, "-XX:MaxDirectMemorySize=").map(KubernetesManifestsTest::mebibytes)
                    .orElse(heap);
            double stack = mebibytes(option(options, "-Xss").orElse("1m"));
            int threads = Integer.parseInt(String.valueOf(env.getOrDefault("SERVER_TOMCAT_THREADS_MAX", "200")))
                    + OTHER_THREADS;
            double budget = heap + metaspace + codeCache + direct + threads * stack;
            // a quarter of the limit stays free for what no flag bounds: GC structures, malloc arenas, the JIT
            assertThat(budget).as("%s: heap %.0f + metaspace %.0f + code %.0f + direct %.0f + %d threads x %.1f"
                            + " MiB within 75%% of the %.0f MiB limit", deployment, heap, metaspace, codeCache, direct,
                    threads, stack, limit).isLessThanOrEqualTo(0.75 * limit);
            assertThat(heap).as(deployment + " heap").isGreaterThanOrEqualTo(256);
            // the request equals the limit: the scheduler reserves what the JVM may use
            assertThat(mebibytes(string(container, "resources.requests.memory"))).isEqualTo(limit);
        }
    }

    @Test
    void thePrometheusRuleHoldsExactlyTheTestedAlertRules() {
        Rendered prod = overlay("prod");
        Resource rule = prod.named("PrometheusRule", "clinic-alerts");
        assertThat(string(rule.doc(), "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        // the file promtool tests (MonitoringConfigTest) is the committed rule's spec, unchanged
        Object tested = Repo.yaml("deploy/prometheus/rules/clinic-alerts.yml");
        assertThat(Repo.yaml(K8s.overlayDir("prod") + "/prometheus-rule.yaml").get("spec")).isEqualTo(tested);
        // kustomize (kyaml 5.5) re-emits folded scalars with more-indented lines with extra blank lines: the
        // same PromQL, whitespace apart, which is all the rendered rule may differ in
        assertThat(blanksCollapsed(rule.doc().get("spec"))).isEqualTo(blanksCollapsed(tested));
        // the jobs the rules expect: one ServiceMonitor per service, on the Service of that name
        for (String service : Contract.services()) {
            Resource monitor = prod.named("ServiceMonitor", service);
            assertThat(map(at(monitor.doc(), "spec.selector.matchLabels")))
                    .isEqualTo(map(at(prod.named("Service", service).doc(), "metadata.labels")).entrySet().stream()
                            .filter(label -> label.getKey().equals("app.kubernetes.io/name"))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            Map<String, Object> endpoint = map(listAt(monitor.doc(), "spec.endpoints").get(0));
            assertThat(endpoint).containsEntry("path", Contract.METRICS).containsEntry("port", "http");
            // the metrics answer only a token: the scrape must fetch one
            assertThat(string(endpoint, "oauth2.clientSecret.name")).isNotNull();
            assertThat(listAt(endpoint, "relabelings")).anySatisfy(relabel ->
                    assertThat(map(relabel)).containsEntry("targetLabel", "application"));
        }
    }

    private static Object blanksCollapsed(Object node) {
        if (node instanceof Map<?, ?> mapping) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            mapping.forEach((key, value) -> copy.put(key, blanksCollapsed(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(KubernetesManifestsTest::blanksCollapsed).toList();
        }
        return node instanceof String text ? text.replaceAll("\\s+", " ").trim() : node;
    }

    private static String dockerfileJavaToolOptions() {
        return Repo.text("deploy/docker/Dockerfile").lines()
                .filter(line -> line.startsWith("ENV JAVA_TOOL_OPTIONS="))
                .map(line -> line.substring(line.indexOf('=') + 1).replace("\"", "")).findFirst().orElse("");
    }

    private static java.util.Optional<String> option(String options, String prefix) {
        return java.util.Arrays.stream(options.trim().split("\\s+")).filter(option -> option.startsWith(prefix))
                .map(option -> option.substring(prefix.length())).reduce((first, last) -> last);
    }

    /** 1Gi, 768Mi, 160m, 512k (JVM and Kubernetes units) in MiB. */
    static double mebibytes(String quantity) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)([A-Za-z]*)")
                .matcher(quantity.trim());
        assertThat(matcher.matches()).as(quantity).isTrue();
        double number = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "Gi", "g", "G" -> number * 1024;
            case "Mi", "m", "M" -> number;
            case "Ki", "k", "K" -> number / 1024;
            case "" -> number / 1024 / 1024;
            default -> throw new AssertionError("unit of " + quantity);
        };
    }

    /** The variables a container gets from its envFrom ConfigMaps and literal env values, later ones winning. */
    static Map<String, Object> literalEnvironment(Rendered overlay, Map<String, Object> container) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object source : listAt(container, "envFrom")) {
            Object configMap = at(map(source), "configMapRef.name");
            // kustomize renames generated ConfigMaps (hash suffix) and rewrites the references with them
            if (configMap != null) {
                env.putAll(mapAt(overlay.named("ConfigMap", String.valueOf(configMap)).doc(), "data"));
            }
        }
        for (Map<String, Object> variable : K8s.env(container)) {
            if (variable.containsKey("value")) {
                env.put(String.valueOf(variable.get("name")), variable.get("value"));
            }
        }
        return env;
    }

    /** Deployments and StatefulSets: every workload with a pod template the overlay owns. */
    static List<Resource> workloads(Rendered overlay) {
        List<Resource> workloads = new java.util.ArrayList<>(overlay.ofKind("Deployment"));
        workloads.addAll(overlay.ofKind("StatefulSet"));
        return workloads;
    }

    /** Nodes with the broker role over all node pools of the overlay. */
    static int brokers(Rendered overlay) {
        return overlay.ofKind("KafkaNodePool").stream()
                .filter(pool -> listAt(pool.doc(), "spec.roles").contains("broker"))
                .mapToInt(pool -> (Integer) at(pool.doc(), "spec.replicas")).sum();
    }

    private static String probe(Map<String, Object> container, String probe) {
        Object path = at(container, probe + ".httpGet.path");
        Object port = at(container, probe + ".httpGet.port");
        if (path == null || port == null) {
            return null;
        }
        Object number = "http".equals(port) ? listAt(container, "ports").stream().map(Yamls::map)
                .filter(p -> "http".equals(p.get("name"))).map(p -> p.get("containerPort")).findFirst().orElse(null)
                : port;
        return path + "@" + number;
    }
}
