package clinic.triage.testing;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.List;
import java.util.Map;

/**
 * Makes the CDS service trust the test EHRs {@link EhrIssuer#A} and {@link EhrIssuer#B} (their ports are only known
 * at run time). One customizer for {@link TriageServiceTest}, equal to itself, so the contexts stay shared.
 */
public final class EhrIssuerProperties implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configs) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ehrIssuers", Map.of(
                    "clinic.cds.public-base-url", EhrIssuer.PUBLIC_BASE_URL,
                    "clinic.cds.clients[0].issuer", EhrIssuer.A.issuer(),
                    "clinic.cds.clients[0].jwks-uri", EhrIssuer.A.jwksUri().toString(),
                    "clinic.cds.clients[1].issuer", EhrIssuer.B.issuer(),
                    "clinic.cds.clients[1].jwks-uri", EhrIssuer.B.jwksUri().toString())));
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
