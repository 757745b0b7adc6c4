package clinic.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import clinic.deploy.K8s.Rendered;
import clinic.deploy.K8s.Resource;

import static clinic.deploy.Yamls.at;
import static clinic.deploy.Yamls.listAt;
import static clinic.deploy.Yamls.map;
import static clinic.deploy.Yamls.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable a container gets (env and envFrom ConfigMaps) must bind to something the service
 * reads: Spring Boot maps SPRING_DATASOURCE_URL to spring.datasource.url (relaxed binding), and a variable
 * that maps to nothing is silently ignored, so a typo in a manifest leaves the default in place. Known keys:
 * the keys of the service's own configuration files and the placeholders in them, Spring Boot's configuration
 * metadata (META-INF/spring-configuration-metadata.json of the spring-boot-* jars of the project's Boot
 * version), and what the service's and service-support's sources read (@Value placeholders,
 * @ConfigurationProperties prefixes, property-name constants).
 */
class EnvironmentBindingTest {

    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> NOT_SPRING = Set.of("JAVA_TOOL_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)");
    private static final Pattern PROPERTIES_PREFIX =
            Pattern.compile("@ConfigurationProperties\\((?:prefix\\s*=\\s*|value\\s*=\\s*)?\"([^\"]+)\"");
    private static final Pattern PROPERTY_CONSTANT = Pattern.compile("\"(clinic(?:\\.[a-z0-9-]+)+)\"");

    private static Known boot;

    /** Canonical keys (lower case, no dashes) and prefixes under which anything binds (maps, property beans). */
    record Known(Set<String> keys, Set<String> prefixes) {

        Known plus(Known other) {
            Set<String> keys = new TreeSet<>(this.keys);
            keys.addAll(other.keys);
            Set<String> prefixes = new TreeSet<>(this.prefixes);
            prefixes.addAll(other.prefixes);
            return new Known(keys, prefixes);
        }

        boolean binds(String variable) {
            String key = variable.toLowerCase().replace('_', '.');
            return keys.contains(key) || keys.contains(variable.toLowerCase())
                    || prefixes.stream().anyMatch(prefix -> key.startsWith(prefix + "."));
        }
    }

    @BeforeAll
    static void readBootMetadata() {
        boot = bootMetadata();
    }

    @Test
    void bootsMetadataIsThereAndRelaxedBindingIsUnderstood() {
        assertThat(boot.keys()).hasSizeGreaterThan(500)
                .contains("spring.datasource.url", "spring.kafka.security.protocol", "server.tomcat.threads.max");
        Known intake = known("intake-service");
        assertThat(intake.binds("SPRING_DATASOURCE_URL")).isTrue();
        assertThat(intake.binds("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).as("map entry").isTrue();
        // the typos a manifest could carry
        assertThat(intake.binds("SPRING_DATASOURCE_PASWORD")).isFalse();
        assertThat(intake.binds("SPRING_KAFKA_SECURITY_PROTOKOL")).isFalse();
        assertThat(intake.binds("LOGGING_STRUCTURED_FORMAT_CONSOL")).isFalse();
        assertThat(intake.binds("CLINIC_KAFKA_INSTANCENAME")).as("instance-name without its dash binds").isTrue();
        assertThat(intake.binds("CLINIC_KAFKA_INSTANCE_NAME")).as("the legacy form binds too").isTrue();
        assertThat(intake.binds("CLINIC_KAFKA_INSTANCE_NAMES")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyVariableOfEveryServiceContainerBindsToAPropertyTheServiceReads(String overlayName) {
        Rendered overlay = K8s.render(overlayName, getClass());
        List<String> unbound = new ArrayList<>();
        for (String service : Contract.services()) {
            Known known = known(service);
            Resource deployment = overlay.named("Deployment", service);
            for (String variable : variables(overlay, deployment.containers().get(0))) {
                if (!NOT_SPRING.contains(variable) && !known.binds(variable)) {
                    unbound.add(service + ": " + variable);
                }
            }
        }
        assertThat(unbound).as("variables no property of the service binds").isEmpty();
    }

    private static Set<String> variables(Rendered overlay, Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        K8s.env(container).forEach(variable -> names.add(String.valueOf(variable.get("name"))));
        for (Object source : listAt(container, "envFrom")) {
            Object configMap = at(map(source), "configMapRef.name");
            assertThat(configMap).as("envFrom other than a ConfigMap is not checked here").isNotNull();
            names.addAll(mapAt(overlay.named("ConfigMap", String.valueOf(configMap)).doc(), "data").keySet());
        }
        return names;
    }

    static Known known(String service) {
        Set<String> keys = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (Path file : Repo.files(service + "/src/main/resources", ".yml")) {
            for (Map<String, Object> doc : Repo.yamlDocuments(file)) {
                flatten("", doc, keys);
            }
            Matcher placeholder = PLACEHOLDER.matcher(Repo.text(file));
            while (placeholder.find()) {
                addKey(keys, placeholder.group(1));
            }
        }
        for (String module : List.of(service, "service-support")) {
            for (Path file : Repo.files(module + "/src/main/java", ".java")) {
                String source = Repo.text(file);
                Matcher placeholder = PLACEHOLDER.matcher(source);
                while (placeholder.find()) {
                    addKey(keys, placeholder.group(1));
                }
                Matcher prefix = PROPERTIES_PREFIX.matcher(source);
                while (prefix.find()) {
                    prefixes.add(canonical(prefix.group(1)));
                }
                Matcher constant = PROPERTY_CONSTANT.matcher(source);
                while (constant.find()) {
                    addKey(keys, constant.group(1));
                }
            }
        }
        return boot.plus(new Known(keys, prefixes));
    }

    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> mapping) {
            mapping.forEach((key, value) -> {
                // "[mail.smtp.timeout]": a map key with dots, bracketed to keep them
                String name = String.valueOf(key).replace("[", "").replace("]", "");
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                addKey(keys, path);
                flatten(path, value, keys);
            });
        }
    }

    /**
     * A property as relaxed binding finds it in the environment: SPRING_KAFKA_SSL_TRUSTSTORETYPE (dashes
     * dropped, the current form) or, for a property with dashes, also the legacy CLINIC_KAFKA_INSTANCE_NAME
     * (dashes as underscores), which Boot's SystemEnvironmentPropertyMapper still maps.
     */
    private static void addKey(Set<String> keys, String property) {
        keys.add(canonical(property));
        keys.add(property.toLowerCase().replace('.', '_').replace('-', '_'));
    }

    /** Relaxed binding's comparable form: lower case, no dashes. */
    static String canonical(String property) {
        return property.toLowerCase().replace("-", "");
    }

    private static Known bootMetadata() {
        String version = bootVersion();
        Path boot = Path.of(System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository"), "org/springframework/boot");
        Set<String> keys = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> jars = Files.walk(boot, 3)) {
            for (Path jar : jars.filter(path -> path.getFileName().toString().equals(
                    path.getParent().getParent().getFileName() + "-" + version + ".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry entry = zip.getEntry("META-INF/spring-configuration-metadata.json");
                    if (entry == null) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            String name = canonical(property.path("name").asText());
                            addKey(keys, property.path("name").asText());
                            if (property.path("type").asText().startsWith("java.util.Map<")) {
                                prefixes.add(name);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Known(keys, prefixes);
    }

    /** The Spring Boot version of the parent POM (spring-boot-starter-parent). */
    private static String bootVersion() {
        Matcher parent = Pattern.compile("<artifactId>spring-boot-starter-parent</artifactId>\\s*<version>([^<]+)")
                .matcher(Repo.text("pom.xml"));
        assertThat(parent.find()).isTrue();
        return parent.group(1);
    }
}
