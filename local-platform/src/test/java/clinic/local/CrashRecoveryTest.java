package clinic.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real crash: the platform runs in its own JVM, is killed with SIGKILL while several clients are still
 * submitting reports, and is started again on the same data folder. The kill must catch work in flight, and every
 * 202 must end up decided and notified exactly once, counted as the fault suite counts ({@link Invariants}):
 * decision and urgent-review events by {@code ce_id}, notifications, open alerts and emails.
 */
class CrashRecoveryTest {

    /** Short enough that the second run does not wait for the killed run's consumers; semantics do not depend on it. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    /**
     * The kill lands while submitters are still sending, once this many reports are accepted: the pipeline then has
     * a backlog, so the crash catches reports in the outbox, on a topic and mid-delivery. A burst sent one by one
     * and killed afterwards could find the (fast) pipeline already settled, and prove nothing.
     */
    private static final int KILL_AFTER_ACCEPTED = 150;

    @TempDir
    Path dataDir;

    private Process running;

    @AfterEach
    void stop() throws InterruptedException {
        LauncherProcess.stop(running);
    }

    /**
     * The mail server the services send through, in this JVM: the launcher's own keeps its mailboxes in memory and
     * would lose the killed run's mail, which the count must see.
     */
    private LocalMailServer mail;

    @AfterEach
    void stopMail() {
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void everyAcceptedReportIsDecidedOnceAfterKillMinusNine() throws Exception {
        mail = LocalMailServer.start(FreePorts.next(), FreePorts.next());
        PlatformSettings settings = FreePorts.settings(dataDir)
                .withServiceOverrides("--spring.mail.port=" + mail.smtpPort());
        PlatformClient client = new PlatformClient(settings);
        Ledger ledger = new Ledger();

        running = launch(settings, "first");
        try (Submitters submitters = Submitters.start(client, ledger, 6)) {
            submitters.awaitAccepted(KILL_AFTER_ACCEPTED);
            running.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no graceful close
            assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Instant killed = Instant.now();
        Set<UUID> burst = ledger.snapshot().keySet();
        System.out.println(burst.size() + " reports accepted before the kill -9");

        running = launch(settings, "second");
        long restarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                ledger.snapshot().entrySet().stream().allMatch(e ->
                        kinds(client, e.getKey()).size() >= e.getValue().notificationKinds.size()));
        System.out.println("Every accepted report notified " + (System.nanoTime() - restarted) / 1_000_000
                + " ms after the restarted platform was ready");

        try (KafkaProbe kafka = new KafkaProbe(settings.kafkaBootstrap())) {
            ObservedPlatform platform = new ObservedPlatform.Launcher(settings, client, kafka,
                    new Mailbox(mail.imapPort()));
            new Invariants(platform).assertEveryAcceptedReportDecidedExactlyOnce(ledger);
        }
        InFlight.assertCrashHitWorkInFlight(client, burst, killed);
    }

    private static List<String> kinds(PlatformClient client, UUID reportId) {
        return client.notifications(reportId).json().valueStream().map(n -> n.get("kind").asString()).toList();
    }

    private static Process launch(PlatformSettings s, String name) throws IOException {
        return LauncherProcess.start(s, List.of(
                // The broker restarts with the killed run's consumers still in their groups; the new ones
                // get partitions only once those sessions expire (Kafka's default: 45 s).
                "-Dspring.kafka.consumer.properties.session.timeout.ms=" + SESSION_TIMEOUT.toMillis(),
                "-Dspring.kafka.consumer.properties.heartbeat.interval.ms=" + SESSION_TIMEOUT.toMillis() / 4,
                // a delivery the killed run had claimed is taken over once its lease runs out (default 2 min)
                "-Dclinic.notification.delivery.lease=10s"),
                Path.of("target", "crash-recovery", name + "-run.log"));
    }
}
