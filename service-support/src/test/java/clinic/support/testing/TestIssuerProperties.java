package clinic.support.testing;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Points a service's resource server at the JVM's {@link TestIssuer}, and its page login too where the service
 * has one (an OIDC provider {@code clinic} with an {@code issuer-uri}). Meant for a service's test
 * meta-annotation: {@code @ContextCustomizerFactories(TestIssuerProperties.class)}. Done once for the
 * annotation rather than with a {@code @DynamicPropertySource} method per test class, because each class's own
 * method would give it an application context of its own (the method is part of the context cache key).
 */
public final class TestIssuerProperties implements ContextCustomizerFactory {

    static final String LOGIN_ISSUER = "spring.security.oauth2.client.provider.clinic.issuer-uri";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configs) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestIssuer issuer = TestIssuer.get();
            ConfigurableEnvironment environment = context.getEnvironment();
            Map<String, Object> properties = new HashMap<>();
            issuer.resourceServerProperties().forEach(property -> {
                int equals = property.indexOf('=');
                properties.put(property.substring(0, equals), property.substring(equals + 1));
            });
            if (environment.containsProperty(LOGIN_ISSUER)) {
                properties.put(LOGIN_ISSUER, issuer.issuerUri());
            }
            environment.getPropertySources().addFirst(new MapPropertySource("testIssuer", properties));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
