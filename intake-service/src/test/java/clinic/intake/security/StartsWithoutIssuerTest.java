package clinic.intake.security;

import clinic.intake.IntakeHttp;
import clinic.support.testing.ApiDocuments;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the production configuration (only {@code issuer-uri}, no JWKS address) and nothing listening at
 * the issuer, the service still starts and answers its probes: the token decoder and the page login's
 * registration fetch the issuer's metadata on first use, not at start-up. Kafka is absent too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=intake",
        "spring.datasource.url=jdbc:h2:mem:intake-no-issuer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:1/issuer-is-down",
        "spring.security.oauth2.client.provider.clinic.issuer-uri=http://localhost:1/issuer-is-down",
        "spring.kafka.bootstrap-servers=localhost:1",
        "spring.kafka.admin.auto-create=false",
        "spring.kafka.listener.auto-startup=false",
        "clinic.outbox.relay.enabled=false"})
class StartsWithoutIssuerTest {

    static final String ISSUER = "http://localhost:1/issuer-is-down";

    @LocalServerPort
    int port;

    @Autowired
    JwtDecoder decoder;

    @Test
    void startsAndAnswersItsLivenessProbeWhileTheIssuerIsDown() {
        IntakeHttp anonymous = new IntakeHttp(port).as(null);

        assertThat(decoder).isInstanceOf(SupplierJwtDecoder.class);
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/symptom-reports/" + UUID.randomUUID()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void servesItsApiDocumentWithTheIssuersUsualAddressesWhileTheIssuerIsDown() {
        JsonNode document = new ApiDocuments(port).document();

        JsonNode flow = document.path("components").path("securitySchemes").path("oauth2").path("flows")
                .path("authorizationCode");
        assertThat(flow.path("authorizationUrl").asString()).isEqualTo(ISSUER + "/oauth2/authorize");
        assertThat(flow.path("tokenUrl").asString()).isEqualTo(ISSUER + "/oauth2/token");
    }
}
