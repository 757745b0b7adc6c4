package clinic.deploy;

import clinic.support.testing.RequiredTool;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.list;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.mapAt;
import static clinic.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

class ComposeFileTest {

    private static final String ENV_EXAMPLE = "deploy/compose.env.example";
    /** A required variable: ${NAME:?message} or ${NAME?message}; the only form a secret may take. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("^\\$\\{([A-Z0-9_]+)(:?\\?[^}]*)?}$");
    private static final Pattern ANY_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    /** The pages' services and the issuer the browsers log in at; everything else is for this host only. */
    private static final Set<String> PUBLIC = Set.of("intake-service", "notification-service", "keycloak");

    private final Map<String, Object> compose = Repo.yaml("docker-compose.yml");
    private final Map<String, Object> services = mapAt(compose, "services");

    @Test
    void everyLongRunningServiceHasAHealthcheck() {
        List<String> withoutHealthcheck = new ArrayList<>();
        services.forEach((name, definition) -> {
            boolean oneShot = "no".equals(string(map(definition), "restart"));
            if (!oneShot && at(map(definition), "healthcheck.test") == null) {
                withoutHealthcheck.add(name);
            }
        });
        assertThat(withoutHealthcheck).as("services without a healthcheck").isEmpty();
        assertThat(services).containsKeys("kafka", "kafka-init", "postgres", "mailpit", "keycloak", "prometheus",
                "grafana", "jaeger", "intake-service", "triage-service", "notification-service");
    }

    @Test
    void appServicesWaitForHealthyDependenciesAndCreatedTopics() {
        for (String service : Contract.services()) {
            Map<String, Object> dependsOn = mapAt(service(service), "depends_on");
            assertThat(dependsOn).as(service).containsKeys("postgres", "kafka-init", "keycloak");
            dependsOn.forEach((dependency, condition) -> {
                String expected = "kafka-init".equals(dependency) ? "service_completed_successfully" : "service_healthy";
                assertThat(string(map(condition), "condition")).as(service + " -> " + dependency).isEqualTo(expected);
                if ("service_healthy".equals(expected)) {
                    assertThat(at(service(dependency), "healthcheck.test")).as(dependency + " healthcheck").isNotNull();
                }
            });
        }
        assertThat(mapAt(service("notification-service"), "depends_on")).containsKeys("mailpit", "intake-service");
    }

    @Test
    void appServicesPublishContractPortsAndProbeReadiness() {
        Contract.PORTS.forEach((service, port) -> {
            String published = port + ":" + port;
            assertThat(list(at(service(service), "ports"))).as(service)
                    .containsExactly(PUBLIC.contains(service) ? published : "127.0.0.1:" + published);
            assertThat(String.join(" ", strings(at(service(service), "healthcheck.test"))))
                    .as(service + " healthcheck").contains("http://localhost:" + port + Contract.READINESS);
        });
    }

    @Test
    void appServicesRunOnPostgresWithTheirOwnDatabaseAndCheckIssuerAndAudience() {
        for (String service : Contract.services()) {
            Map<String, Object> env = environment(service);
            String database = service.replace("-service", "");
            assertThat(env).as(service)
                    .containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + database)
                    .containsEntry("SPRING_DATASOURCE_USERNAME", database)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", Contract.COMPOSE_ISSUER)
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES", service);
            assertThat(String.valueOf(env.get("SPRING_DATASOURCE_PASSWORD"))).matches(REQUIRED_VARIABLE);
            assertThat(string(service(service), "build.args.SERVICE")).isEqualTo(service);
            assertThat(string(service(service), "build.dockerfile")).isEqualTo("deploy/docker/Dockerfile");
        }
    }

    @Test
    void appServicesHaveAStableKafkaInstanceNameEachOfTheirOwn() {
        Set<Object> names = new TreeSet<>();
        for (String service : Contract.services()) {
            assertThat(environment(service)).as(service).containsEntry("CLINIC_KAFKA_INSTANCE_NAME", service);
            names.add(environment(service).get("CLINIC_KAFKA_INSTANCE_NAME"));
        }
        assertThat(names).hasSize(Contract.services().size());
    }

    @Test
    void appServicesLogEcsJsonAndExportTracesToTheJaegerService() {
        for (String service : Contract.services()) {
            Map<String, Object> env = environment(service);
            assertThat(env).as(service).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
            String endpoint = String.valueOf(env.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"));
            URI uri = URI.create(endpoint);
            assertThat(uri.getScheme()).as(service + " " + endpoint).isEqualTo("http");
            assertThat(uri.getHost()).as(service + " " + endpoint).isEqualTo("jaeger");
            assertThat(services).as("the trace backend " + uri.getHost()).containsKey(uri.getHost());
            // OTLP over HTTP: port 4318, traces path
            assertThat(uri.getPort()).as(service + " " + endpoint).isEqualTo(4318);
            assertThat(uri.getPath()).as(service + " " + endpoint).isEqualTo("/v1/traces");
            // tracing is optional: a service must not wait for the trace backend
            assertThat(mapAt(service(service), "depends_on")).as(service).doesNotContainKey("jaeger");
        }
    }

    @Test
    void everyPublishedPortListensOnLoopbackExceptThePagesAndTheIssuer() {
        Set<String> publishing = new TreeSet<>();
        services.forEach((name, definition) -> {
            Object ports = map(definition).get("ports");
            if (ports == null) {
                return;
            }
            publishing.add(name);
            for (Object port : list(ports)) {
                String mapping = String.valueOf(port).split("/")[0];
                // "8081:8081" (every interface) has two parts, "127.0.0.1:8082:8082" three
                assertThat(mapping.split(":")).as(name + " " + mapping)
                        .hasSize(PUBLIC.contains(name) ? 2 : 3);
                if (!PUBLIC.contains(name)) {
                    assertThat(mapping).as(name).startsWith("127.0.0.1:");
                }
            }
        });
        // Kafka (plaintext, patient events), PostgreSQL, Mailpit, Prometheus, Grafana, Jaeger: host tools only
        assertThat(publishing).contains("kafka", "postgres", "mailpit", "prometheus", "grafana", "keycloak");
    }

    @Test
    void keycloakKeepsItsRealmAndUsersInItsOwnPostgresDatabase() {
        Map<String, Object> keycloak = service("keycloak");
        Map<String, Object> environment = environment("keycloak");
        assertThat(environment).containsEntry("KC_DB", "postgres").containsEntry("KC_DB_URL_HOST", "postgres")
                .containsEntry("KC_DB_URL_DATABASE", "keycloak").containsEntry("KC_DB_USERNAME", "keycloak");
        assertThat(String.valueOf(environment.get("KC_DB_PASSWORD"))).matches(REQUIRED_VARIABLE)
                .isEqualTo(String.valueOf(environment("postgres").get("KEYCLOAK_DB_PASSWORD")));
        assertThat(string(keycloak, "depends_on.postgres.condition")).isEqualTo("service_healthy");
        assertThat(Repo.text("deploy/postgres/init-databases.sh"))
                .contains("create_service_database keycloak \"${KEYCLOAK_DB_PASSWORD:-}\"");
        // with the realm kept, the import must not overwrite what administrators changed since
        assertThat(strings(keycloak.get("command"))).contains("--import-realm")
                .noneMatch(argument -> argument.contains("OVERWRITE"));
    }

    @Test
    void jaegerIsPinnedReceivesOtlpInsideTheNetworkAndShowsItsUiOnLoopbackOnly() {
        Map<String, Object> jaeger = service("jaeger");
        assertThat(string(jaeger, "image")).matches("jaegertracing/(jaeger|all-in-one):\\d+\\.\\d+\\.\\d+");
        // the UI has no login: bound to the host's loopback interface; OTLP (4317/4318) is not published at all
        assertThat(list(jaeger.get("ports"))).containsExactly("127.0.0.1:16686:16686");
        assertThat(String.join(" ", strings(at(jaeger, "healthcheck.test")))).contains("13133");
    }

    @Test
    void thePatientAndClinicianPagesLogInAtTheSameIssuer() {
        assertThat(environment("intake-service"))
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_CLINIC_ISSUERURI", Contract.COMPOSE_ISSUER);
        assertThat(environment("notification-service"))
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_CLINIC_ISSUERURI", Contract.COMPOSE_ISSUER);
    }

    @Test
    void notificationServiceSendsMailToMailpitAndLooksUpContactsWithItsOwnClient() {
        Map<String, Object> env = environment("notification-service");
        assertThat(env)
                .containsEntry("SPRING_MAIL_HOST", "mailpit")
                .containsEntry("SPRING_MAIL_PORT", "1025")
                .containsEntry("CLINIC_NOTIFICATION_INTAKE_BASEURL", "http://intake-service:8081")
                .containsEntry("CLINIC_LINKS_INTAKEBASEURL", "http://localhost:8081")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_PATIENTCONTACTS_CLIENTID", "notification-service")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_PATIENTCONTACTS_AUTHORIZATIONGRANTTYPE",
                        "client_credentials")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_PATIENTCONTACTS_SCOPE",
                        "patients:contact,cases:read");
        assertThat(list(at(service("mailpit"), "ports"))).contains("127.0.0.1:1025:1025", "127.0.0.1:8025:8025");
    }

    @Test
    void everySecretIsARequiredVariableNeverALiteralOrADefault() {
        Map<String, Object> secrets = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            Object env = at(map(definition), "environment");
            if (env != null) {
                map(env).forEach((key, value) -> {
                    if (Contract.isSecretName(key)) {
                        secrets.put(name + "." + key, value);
                    }
                });
            }
        });
        assertThat(secrets).as("secret settings found").hasSizeGreaterThanOrEqualTo(10);
        secrets.forEach((setting, value) ->
                assertThat(String.valueOf(value)).as(setting).matches(REQUIRED_VARIABLE));
    }

    @Test
    void noExampleSecretValueAppearsInTheComposeFile() {
        String composeText = Repo.text("docker-compose.yml");
        exampleEnv().forEach((name, value) -> {
            if (Contract.isSecretName(name)) {
                assertThat(value).as(name + " in the example").isNotBlank();
                assertThat(composeText).as(name + "'s example value").doesNotContain(value);
            }
        });
    }

    @Test
    void theExampleEnvFileDefinesEveryVariableTheComposeFileUses() {
        Set<String> used = new TreeSet<>();
        String withoutComments = Repo.text("docker-compose.yml").replaceAll("(?m)^\\s*#.*$", "");
        Matcher matcher = ANY_VARIABLE.matcher(withoutComments);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(exampleEnv().keySet()).containsAll(used);
    }

    @Test
    void kafkaInitCreatesTheContractTopicsAndTheirDeadLetterTopicsWithThreePartitions() {
        String script = Repo.text("deploy/kafka/create-topics.sh");
        Matcher array = Pattern.compile("topics=\\(([^)]*)\\)").matcher(script);
        assertThat(array.find()).as("topics=( ... ) in create-topics.sh").isTrue();
        assertThat(List.of(array.group(1).trim().split("\\s+"))).containsExactlyInAnyOrderElementsOf(Contract.ALL_TOPICS);
        Map<String, Object> init = service("kafka-init");
        assertThat(map(init.get("environment"))).containsEntry("PARTITIONS", 3);
        assertThat(string(init, "restart")).isEqualTo("no");
        assertThat(map(service("kafka").get("environment")))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(list(at(service("kafka"), "ports"))).contains("127.0.0.1:9092:9092");
    }

    @Test
    void postgresInitCreatesOneDatabaseAndLoginPerServiceFromPasswordsInTheEnvironment() {
        String script = Repo.text("deploy/postgres/init-databases.sh");
        for (String service : Contract.services()) {
            String database = service.replace("-service", "");
            String passwordVariable = database.toUpperCase() + "_DB_PASSWORD";
            assertThat(script).contains("create_service_database " + database + " \"${" + passwordVariable + ":-}\"");
            assertThat(String.valueOf(environment("postgres").get(passwordVariable))).matches(REQUIRED_VARIABLE);
        }
        assertThat(string(service("postgres"), "image")).startsWith("postgres:17");
    }

    @Test
    void dockerComposeAcceptsTheFileWithTheExampleEnvironment() {
        Tool compose = Tool.require(RequiredTool.DOCKER_COMPOSE, getClass());
        Tool.Result result = compose.run(List.of("--env-file", ENV_EXAMPLE, "-f", "docker-compose.yml", "config", "-q"),
                List.copyOf(exampleEnv().keySet()));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void dockerComposeRefusesToStartWithoutTheSecrets(@TempDir Path dir) throws IOException {
        Tool compose = Tool.require(RequiredTool.DOCKER_COMPOSE, getClass());
        Path empty = Files.writeString(dir.resolve("empty.env"), "");
        Tool.Result result = compose.run(List.of("--env-file", empty.toString(), "-f", "docker-compose.yml", "config", "-q"),
                List.copyOf(exampleEnv().keySet()));
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        // the message names a missing variable (which one first depends on the compose version)
        assertThat(exampleEnv().keySet()).anyMatch(variable -> Contract.isSecretName(variable)
                && result.output().contains(variable));
    }

    private Map<String, Object> service(String name) {
        return mapAt(services, name);
    }

    private Map<String, Object> environment(String service) {
        return mapAt(service(service), "environment").entrySet().stream()
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue() == null ? "" : e.getValue()),
                        Map::putAll);
    }

    private static List<String> strings(Object node) {
        return list(node).stream().map(String::valueOf).toList();
    }

    static Map<String, String> exampleEnv() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Repo.text(ENV_EXAMPLE).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                int eq = trimmed.indexOf('=');
                values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return values;
    }
}
