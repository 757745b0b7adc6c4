package clinic.support.securedapi;

import clinic.support.testing.TestIssuerProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextCustomizerFactories;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@link SecuredApiApplication} on a random port with an in-memory H2 database, trusting the JVM's test issuer.
 * Every test class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SecuredApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:secured-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "spring.security.oauth2.resourceserver.jwt.audiences=triage-service",
                "spring.mvc.problemdetails.enabled=true",
                "server.error.include-stacktrace=never",
                "server.error.include-message=never"})
@ContextCustomizerFactories(TestIssuerProperties.class)
public @interface SecuredApiTest {
}
