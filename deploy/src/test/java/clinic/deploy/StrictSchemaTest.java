package clinic.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.crdgenerator.annotations.PresentInVersions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every object of each rendered overlay, and every Secret template, read into the Kubernetes object model
 * (fabric8) or Strimzi's own API classes, with unknown fields refused. The API server prunes unknown fields
 * of most kinds silently and Strimzi only warns, so a misspelt setting (`containerPorts`, `partition`) would
 * otherwise be dropped without a word. Strimzi's classes serve v1beta2 and v1 alike; the properties v1 dropped
 * (marked @PresentInVersions, such as an ACL rule's `operation`) are refused too. Types are checked where the
 * classes are typed (numbers, lists, enums such as the ACL operations), not value ranges or required fields.
 */
class StrictSchemaTest {

    /** kind -> the class it is read into and the apiVersion that class stands for. */
    private static final Map<String, Model> MODELS = models();

    record Model(String apiVersion, Class<?> type) {
    }

    private static final ObjectMapper STRICT = strictMapper();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectReadsIntoItsModelWithNoUnknownField(String overlay) {
        List<String> problems = new ArrayList<>();
        int read = 0;
        for (Map<String, Object> doc : documents(K8s.renderedText(overlay, getClass()))) {
            String problem = problem(doc);
            if (problem != null) {
                problems.add(problem);
            }
            read++;
        }
        assertThat(problems).isEmpty();
        assertThat(read).isGreaterThan(25);
    }

    @Test
    void everySecretTemplateReadsAsASecret() {
        for (K8s.Resource template : K8s.secretTemplates()) {
            assertThat(problem(template.doc())).as(template.toString()).isNull();
        }
    }

    @Test
    void aMisspeltFieldIsRefused() {
        Tool.require(clinic.support.testing.RequiredTool.KUBECTL, getClass());
        String rendered = K8s.renderedText("dev", getClass());
        assertThat(rendered).contains("containerPort:", "partitions:", "kraftMetadata:");
        // a Deployment's port, a KafkaTopic's partitions, a nested field of a Strimzi template
        for (String[] typo : List.of(new String[] {"containerPort:", "containerPorts:"},
                new String[] {"partitions:", "partition:"},
                new String[] {"allowPrivilegeEscalation:", "allowPrivilegeEscalations:"},
                new String[] {"kraftMetadata:", "kraftMetadatas:"})) {
            String broken = rendered.replaceFirst(java.util.regex.Pattern.quote(typo[0]), typo[1]);
            assertThat(documents(broken).stream().map(StrictSchemaTest::problem).filter(p -> p != null))
                    .as("with " + typo[1]).singleElement().asString().contains(typo[1].replace(":", ""));
        }
        // a field only v1beta2 knows: an ACL rule's single `operation` (v1 has `operations`)
        Map<String, Object> user = documents(rendered).stream().filter(doc -> "KafkaUser".equals(doc.get("kind")))
                .findFirst().orElseThrow();
        Map<String, Object> rule = Yamls.map(Yamls.listAt(user, "spec.authorization.acls").get(0));
        rule.put("operation", rule.remove("operations") instanceof List<?> ops ? ops.get(0) : null);
        assertThat(problem(user)).contains("operation");
        // a kind or apiVersion nobody knows is refused as well
        Map<String, Object> topic = new LinkedHashMap<>(documents(rendered).stream()
                .filter(doc -> "KafkaTopic".equals(doc.get("kind"))).findFirst().orElseThrow());
        topic.put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertThat(problem(topic)).contains("apiVersion");
        assertThatThrownBy(() -> STRICT.convertValue(Map.of("metadata", Map.of("nmae", "x")), Namespace.class))
                .hasMessageContaining("nmae");
    }

    /** Null when the document reads into its model, else what is wrong. */
    static String problem(Map<String, Object> doc) {
        String kind = String.valueOf(doc.get("kind"));
        String name = kind + " " + (doc.get("metadata") instanceof Map<?, ?> m ? m.get("name") : "?");
        Model model = MODELS.get(kind);
        if (model == null) {
            return name + ": no model for kind " + kind;
        }
        if (!model.apiVersion().equals(doc.get("apiVersion"))) {
            return name + ": apiVersion " + doc.get("apiVersion") + ", expected " + model.apiVersion();
        }
        try {
            HasMetadata object = (HasMetadata) STRICT.convertValue(doc, model.type());
            return object.getMetadata() == null ? name + ": no metadata" : null;
        } catch (IllegalArgumentException e) {
            return name + ": " + e.getMessage();
        }
    }

    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc != null) {
                documents.add(Yamls.map(doc));
            }
        }
        return documents;
    }

    /**
     * FAIL_ON_UNKNOWN_PROPERTIES alone does nothing here: both models keep unknown fields in an
     * additionalProperties map (@JsonAnySetter). Taking that setter away makes an unknown field an error.
     */
    private static ObjectMapper strictMapper() {
        SimpleModule module = new SimpleModule("refuse-unknown-fields");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                         BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                // a Strimzi property that kafka.strimzi.io/v1 dropped becomes an unknown one
                for (BeanPropertyDefinition property : description.findProperties()) {
                    if (!inV1(property)) {
                        builder.removeProperty(property.getFullName());
                    }
                }
                return builder;
            }
        });
        return new ObjectMapper().registerModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** Whether Strimzi's @PresentInVersions on the property, if any, includes v1 (the latest version). */
    static boolean inV1(BeanPropertyDefinition property) {
        for (AnnotatedMember member : java.util.Arrays.asList(property.getGetter(), property.getSetter(),
                property.getField())) {
            PresentInVersions versions = member == null ? null : member.getAnnotation(PresentInVersions.class);
            if (versions != null) {
                return java.util.Arrays.stream(versions.value().split(",")).map(String::trim)
                        .anyMatch(range -> range.endsWith("+") || range.equals("v1") || range.endsWith("-v1"));
            }
        }
        return true;
    }

    private static Map<String, Model> models() {
        Map<String, Model> models = new LinkedHashMap<>();
        models.put("Namespace", new Model("v1", Namespace.class));
        models.put("ConfigMap", new Model("v1", ConfigMap.class));
        models.put("Secret", new Model("v1", Secret.class));
        models.put("Service", new Model("v1", Service.class));
        models.put("ServiceAccount", new Model("v1", ServiceAccount.class));
        models.put("Deployment", new Model("apps/v1", Deployment.class));
        models.put("StatefulSet", new Model("apps/v1", StatefulSet.class));
        models.put("HorizontalPodAutoscaler", new Model("autoscaling/v2", HorizontalPodAutoscaler.class));
        models.put("PodDisruptionBudget", new Model("policy/v1", PodDisruptionBudget.class));
        models.put("Ingress", new Model("networking.k8s.io/v1", Ingress.class));
        models.put("NetworkPolicy", new Model("networking.k8s.io/v1", NetworkPolicy.class));
        models.put("ServiceMonitor", new Model("monitoring.coreos.com/v1", ServiceMonitor.class));
        models.put("PrometheusRule", new Model("monitoring.coreos.com/v1", PrometheusRule.class));
        models.put("Kafka", new Model("kafka.strimzi.io/v1", Kafka.class));
        models.put("KafkaNodePool", new Model("kafka.strimzi.io/v1", KafkaNodePool.class));
        models.put("KafkaTopic", new Model("kafka.strimzi.io/v1", KafkaTopic.class));
        models.put("KafkaUser", new Model("kafka.strimzi.io/v1", KafkaUser.class));
        return Map.copyOf(models);
    }
}
