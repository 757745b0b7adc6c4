package clinic.local.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static clinic.local.auth.RunningAuthServer.json;
import static clinic.local.auth.RunningAuthServer.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing key kept under the data folder, so that a restart does not invalidate live tokens. */
class SigningKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void tokenIssuedBeforeARestartVerifiesAgainstTheKeysPublishedAfterIt(@TempDir Path otherDataDir) throws Exception {
        String token;
        String issuerBefore;
        try (RunningAuthServer before = RunningAuthServer.start(dataDir)) {
            issuerBefore = before.issuer();
            token = accessToken(before);
        }
        // the check below can fail: a key from any other data folder does not verify the token
        JWKSet foreignKey = new JWKSet(SigningKey.loadOrCreate(otherDataDir.resolve("auth/signing-key.json")).toPublicJWK());
        assertThatThrownBy(() -> RunningAuthServer.verify(token, foreignKey, issuerBefore))
                .isInstanceOf(BadJOSEException.class);

        try (RunningAuthServer after = RunningAuthServer.start(dataDir)) {
            assertThat(RunningAuthServer.verify(token, after.jwks(), issuerBefore).getSubject())
                    .isEqualTo("clinic-integration");
        }
    }

    @Test
    void keyIsWrittenOnceReadableOnlyByItsOwnerAndReusedAfterwards() throws Exception {
        Path file = dataDir.resolve("auth/signing-key.json");

        RSAKey created = SigningKey.loadOrCreate(file);
        RSAKey reloaded = SigningKey.loadOrCreate(file);

        assertThat(reloaded).isEqualTo(created);
        assertThat(reloaded.isPrivate()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void damagedKeyFileStopsTheStartWithAHintInsteadOfSilentlyReplacingTheKey() throws Exception {
        Path file = dataDir.resolve("auth/signing-key.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"kty\":\"RSA\",\"n\":");

        assertThatThrownBy(() -> SigningKey.loadOrCreate(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delete it");
        assertThat(Files.readString(file)).isEqualTo("{\"kty\":\"RSA\",\"n\":");
    }

    private static String accessToken(RunningAuthServer server) throws Exception {
        return (String) json(server.tokenRequest("clinic-integration", "clinic-integration-secret",
                params("grant_type", "client_credentials", "scope", "reports:read")).body()).get("access_token");
    }
}
