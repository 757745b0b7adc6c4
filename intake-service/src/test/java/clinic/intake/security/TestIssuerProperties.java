package clinic.intake.security;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.List;
import java.util.Map;

/**
 * Points the service's resource server and page login at {@link TestIssuer}: the dynamic properties of
 * every {@code @IntakeServiceTest}. Done once for the meta-annotation rather than with a
 * {@code @DynamicPropertySource} method per test class, because each class's own method would give it an
 * application context of its own (the method is part of the context cache key).
 */
public final class TestIssuerProperties implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configs) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestIssuer issuer = TestIssuer.get();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testIssuer", Map.of(
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.issuerUri(),
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer.jwkSetUri(),
                    "spring.security.oauth2.client.provider.clinic.issuer-uri", issuer.issuerUri())));
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
