package clinic.support.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The web-server defaults against slow clients, and a service's own settings winning over them. */
class SlowClientDefencesTest {

    final SlowClientDefences defences = new SlowClientDefences();

    @Test
    void aServiceWaitsFiveSecondsForStalledBytesAndDrainsNoUnreadBody() {
        StandardEnvironment environment = new StandardEnvironment();

        defences.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.tomcat.connection-timeout")).isEqualTo("5s");
        assertThat(environment.getProperty("server.tomcat.max-swallow-size")).isEqualTo("0");
        assertThat(environment.getProperty("server.tomcat.keep-alive-timeout")).isEqualTo("60s");
    }

    @Test
    void aServicesOwnSettingWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service.yml",
                Map.of("server.tomcat.connection-timeout", "30s")));

        defences.postProcessEnvironment(environment, new SpringApplication());
        defences.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.tomcat.connection-timeout")).isEqualTo("30s");
        assertThat(environment.getPropertySources().stream().filter(source ->
                source.getName().equals(SlowClientDefences.SOURCE))).hasSize(1);
    }
}
