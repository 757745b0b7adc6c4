package clinic.notification.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final byte[] SECRET = "test-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"alertId\":\"a\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheTimestampAndTheRawBodyAsTheContractSays() {
        // Reference value from Python: hmac.new(b'test-secret', b'1700000000.{"alertId":"a"}', sha256).hexdigest()
        assertThat(WebhookSignature.header(SECRET, 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=47130b5d288bf7522a8b6c641b8a807c6704af57475d0553a8b1596e7f857d5f");
    }

    @Test
    void aDifferentTimestampBodyOrSecretGivesADifferentSignature() {
        String signature = WebhookSignature.hmac(SECRET, 1_700_000_000L, BODY);

        assertThat(WebhookSignature.hmac(SECRET, 1_700_000_001L, BODY)).isNotEqualTo(signature);
        assertThat(WebhookSignature.hmac(SECRET, 1_700_000_000L, "{\"alertId\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature);
        assertThat(WebhookSignature.hmac("other".getBytes(StandardCharsets.UTF_8), 1_700_000_000L, BODY))
                .isNotEqualTo(signature);
    }
}
