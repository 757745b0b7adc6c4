package clinic.intake.report;

import clinic.intake.IntakeHttp;
import clinic.intake.IntakeServiceTest;
import clinic.support.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow request bodies (issue 12): connections that announce a report, send one byte of it and then nothing.
 * Without a token they are refused before the body is read, so a few hundred of them take no worker thread
 * from the probes or from patients; with a token, a stalled body is given up after the read timeout.
 */
@IntakeServiceTest
class SlowUploadsTest {

    static final int STALLED = 250;
    static final Duration PROMPTLY = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Test
    void aFewHundredStalledUploadsLeaveLivenessAndPatientsAnswered() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                stalled.add(stalledUpload(null));
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(PROMPTLY).build();

            HttpResponse<String> liveness = client.send(request("/actuator/health/liveness").build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> patientRead = client.send(request(IntakeHttp.REPORTS + "/" + UUID.randomUUID())
                    .header("Authorization", TestIssuer.bearer(TestIssuer.get().patient("patient-slow"))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(patientRead.statusCode()).as("answered, not queued behind the stalled uploads").isEqualTo(404);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void anUploadWithoutATokenIsRefusedBeforeItsBodyIsRead() throws Exception {
        try (Socket socket = stalledUpload(null)) {
            socket.setSoTimeout((int) PROMPTLY.toMillis());

            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void aPatientsStalledUploadIsGivenUpAfterTheReadTimeoutNotAMinute() throws Exception {
        try (Socket socket = stalledUpload(TestIssuer.get().patient("patient-stalled"))) {
            // Tomcat's own default waits 60 s for the next bytes; service-support sets 5 s
            socket.setSoTimeout(15_000);

            String answer = statusLine(socket.getInputStream());
            assertThat(answer).as("an answer or a closed connection, within the read timeout")
                    .satisfiesAnyOf(line -> assertThat(line).isEmpty(), line -> assertThat(line).startsWith("HTTP/1.1 4"));
        }
    }

    /** A report POST that announces 60,000 bytes of body and sends one. */
    private Socket stalledUpload(String token) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        String authorization = token == null ? "" : "Authorization: Bearer " + token + "\r\n";
        out.write(("POST " + IntakeHttp.REPORTS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + authorization + "Content-Length: 60000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The first line the server sends; empty when it closes the connection without a word. */
    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    private HttpRequest.Builder request(String path) {
        // a request that waits longer than this fails the test with HttpTimeoutException
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(PROMPTLY).GET();
    }
}
