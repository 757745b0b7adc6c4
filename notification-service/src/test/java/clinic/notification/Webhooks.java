package clinic.notification;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** The webhook calls WireMock received about one report, and an independent check of their signature. */
public final class Webhooks {

    private Webhooks() {
    }

    public static List<LoggedRequest> calls(String path, String marker) {
        return TestServers.http().findAll(postRequestedFor(urlEqualTo(path)).withRequestBody(containing(marker)));
    }

    /** Recomputes HMAC-SHA256 over "t.body" with the test secret and compares it with the header's v1. */
    public static boolean signatureValid(LoggedRequest request) {
        String header = request.getHeader("X-Clinic-Signature");
        if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
            return false;
        }
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TestServers.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(request.getBody())).equals(v1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
