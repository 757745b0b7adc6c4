package clinic.support.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest service there is: no domain, only what service-support's auto-configuration brings (outbox,
 * inbox, Kafka error handling, the shared tables' migrations). The library's tests run against it.
 */
@SpringBootApplication
public class PlumbingTestApplication {
}
