package clinic.local;

import clinic.local.Ledger.Kind;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mail side of the invariants, read over IMAP from the platform's mail server: every decided
 * report's patient notice is in the patient's mailbox and every urgent report's alert in the
 * clinician mailbox, each from exactly one delivery. Two copies of one delivery (same
 * {@code X-Clinic-Delivery-Id}) are allowed: a sender killed between the SMTP answer and recording it
 * sends again, and the id is there for receivers to drop the copy. Two deliveries are a duplicate.
 */
final class MailInvariants {

    /** A delivery leased by a killed sender is retried once its lease (2 min) runs out. */
    private static final Duration ARRIVAL = Duration.ofMinutes(3);
    /** Reading again costs one IMAP session per mailbox (only new messages are fetched): cheap enough to poll often. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Mailbox mailbox;

    MailInvariants(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    /** Waits for every expected mail, then fails listing each report with a missing or duplicated one. */
    void assertEachDecidedReportMailedOnce(Map<UUID, Kind> decided) {
        AtomicReference<List<String>> problems = new AtomicReference<>(List.of("not checked yet"));
        AtomicInteger reads = new AtomicInteger();
        long started = System.nanoTime();
        try {
            // waiting helps only while something is missing; a duplicate stays a duplicate
            await("mail for every decided report").atMost(ARRIVAL).pollInterval(POLL)
                    .until(() -> {
                        reads.incrementAndGet();
                        problems.set(problems(decided));
                        return problems.get().stream().noneMatch(p -> p.contains(": no "));
                    });
        } catch (ConditionTimeoutException e) {
            // the assertion below lists what is still missing
        }
        System.out.printf("Mail checked: %d reads of the mailboxes in %d ms%n", reads.get(),
                (System.nanoTime() - started) / 1_000_000);
        assertThat(problems.get()).as("reports whose mail is missing or duplicated (of %d decided)", decided.size()).isEmpty();
    }

    private List<String> problems(Map<UUID, Kind> decided) {
        Map<UUID, Set<String>> patientMail = deliveriesByReport(SampleReports.CANARY_EMAIL, decided.keySet());
        Map<UUID, Set<String>> clinicianMail = deliveriesByReport(LocalPlatform.CLINICIAN_MAILBOX, decided.keySet());
        List<String> problems = new ArrayList<>();
        decided.forEach((id, kind) -> {
            check(problems, id, "patient notice", patientMail.getOrDefault(id, Set.of()), 1);
            check(problems, id, "clinician alert", clinicianMail.getOrDefault(id, Set.of()), kind.urgent ? 1 : 0);
        });
        return problems;
    }

    private static void check(List<String> problems, UUID id, String what, Set<String> deliveries, int expected) {
        if (deliveries.size() < expected) {
            problems.add(id + ": no " + what + " email");
        } else if (deliveries.size() > expected) {
            problems.add(id + ": " + deliveries.size() + " " + what + " email deliveries " + deliveries);
        }
    }

    /** For each of the reports, the delivery ids of the mails in the mailbox that name it. */
    private Map<UUID, Set<String>> deliveriesByReport(String address, Set<UUID> reports) {
        Map<UUID, Set<String>> byReport = new HashMap<>();
        for (Mailbox.Mail mail : mailbox.read(address)) {
            Matcher ids = UUID_TEXT.matcher(mail.subject() + "\n" + mail.text() + "\n" + mail.html());
            Set<UUID> named = new HashSet<>();
            while (ids.find()) {
                named.add(UUID.fromString(ids.group()));
            }
            named.retainAll(reports);
            named.forEach(id -> byReport.computeIfAbsent(id, k -> new HashSet<>()).add(mail.deliveryId()));
        }
        return byReport;
    }
}
