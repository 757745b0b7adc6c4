package clinic.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RS256 key that signs every token. Kept in {@code <data-dir>/auth/signing-key.json} so that tokens
 * issued before a restart still verify after it (the services cache the JWKS and would otherwise reject
 * every live session); with an empty data dir the key lives in memory only.
 */
@Configuration(proxyBeanMethods = false)
class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    @Bean
    JWKSource<SecurityContext> jwkSource(@Value("${clinic.data-dir:}") String dataDir) {
        RSAKey key = dataDir.isBlank() ? generate() : loadOrCreate(Path.of(dataDir, "auth", "signing-key.json"));
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey key = generate();
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "signing-key", ".tmp");
            restrictToOwner(partial);
            Files.writeString(partial, key.toJSONString());
            // never leave a half-written key behind: a torn file would stop the next start
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated a new token signing key {} in {}", key.getKeyID(), file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("The signing key " + file + " is not a valid RSA JWK; delete it to "
                    + "generate a new one (tokens issued with the old key then stop verifying)", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
