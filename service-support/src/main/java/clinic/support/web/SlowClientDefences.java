package clinic.support.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Web-server defaults that keep a clinic service answering while clients send slowly or not at all. Tomcat
 * waits 60 s for the next bytes of a request and drains up to 2 MB of a body nobody read (after a 401, say),
 * each time on a worker thread: a few hundred connections that announce a body and send one byte held every
 * thread of intake for a minute, probes included. Here a stalled read ends after 5 s, and a body the
 * application did not read is not drained: the connection is closed after the answer.
 * <p>
 * Added as the lowest-precedence property source, so a service's own file or the command line can still say
 * otherwise ({@code server.tomcat.connection-timeout}, {@code server.tomcat.max-swallow-size}).
 */
public class SlowClientDefences implements EnvironmentPostProcessor {

    static final String SOURCE = "clinicSlowClientDefences";

    static final Map<String, Object> DEFAULTS = Map.of(
            // how long Tomcat waits for request headers, and for the next bytes of a body being read
            "server.tomcat.connection-timeout", "5s",
            // an idle kept-alive connection costs no thread (it waits in the poller): keep Tomcat's minute,
            // which the connection timeout would otherwise shorten too, so that clients' pooled connections
            // are not closed under them between two requests
            "server.tomcat.keep-alive-timeout", "60s",
            // a body the application never read (refused before reading it) closes the connection instead
            "server.tomcat.max-swallow-size", "0");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, DEFAULTS));
        }
    }
}
