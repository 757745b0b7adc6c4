package clinic.support.security;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

import java.text.ParseException;

/**
 * Boot's decoder reads the issuer's metadata and keys on first use; while the issuer is down it throws an
 * error that is no {@link JwtException}, which the bearer filter lets through as a 500. As a JwtException
 * it becomes an authentication-service failure, answered by {@link ProblemResponses} as 503.
 * A token that is not even a signed JWT needs no keys to be refused: it stays a 401 while the issuer is down.
 * The failure is not cached by Boot's decoder: the next token tries the issuer again.
 */
record IssuerOutageAwareDecoder(JwtDecoder delegate) implements JwtDecoder {

    @Override
    public Jwt decode(String token) {
        try {
            return delegate.decode(token);
        } catch (JwtDecoderInitializationException e) {
            if (!signedJwt(token)) {
                throw new BadJwtException("Not a signed JWT");
            }
            throw new JwtException("The issuer's keys are not available", e);
        }
    }

    private static boolean signedJwt(String token) {
        try {
            return JWTParser.parse(token) instanceof SignedJWT;
        } catch (ParseException e) {
            return false;
        }
    }
}
