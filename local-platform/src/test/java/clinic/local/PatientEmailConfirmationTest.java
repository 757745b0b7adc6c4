package clinic.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, finding 4, on the running platform with its real issuer, SMTP server and mailboxes: a patient who
 * types an address into the web form (the local issuer vouches for none) gets, at that address, only word that a
 * report was received and a link to confirm it; none of the name they typed nor any health details. Once they
 * open the link signed in as themselves and press its button, the next report's email carries the plan.
 */
@ExtendWith(SharedPlatform.class)
class PatientEmailConfirmationTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final Pattern REPORT_PAGE = Pattern.compile("/reports/([0-9a-f-]{36})");
    private static final Pattern CONFIRMATION_LINK = Pattern.compile("(https?://[^\\s\"<>]+/email-confirmations/"
            + "[A-Za-z0-9_-]+)");
    /** A name that would be the opening of the clinic's email if names were still quoted. */
    private static final String PHISHING_NAME = "Alex IMPORTANT your scan shows a tear book surgery today";

    private static SharedPlatform.Running running;

    @BeforeAll
    static void usePlatform() {
        running = SharedPlatform.running();
    }

    @Test
    void anAddressTypedIntoTheFormGetsOnlyAConfirmationRequestUntilThePatientConfirmsIt() {
        PageBrowser patient = running.client().patientBrowser();
        String address = "confirm-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

        UUID first = submitForm(patient, address);
        Mailbox.Mail received = awaitOnlyMail(address, 1).get(0);

        assertThat(received.subject()).isEqualTo("We received your heel-pain report");
        String everything = received.everything();
        assertThat(everything).doesNotContain(PHISHING_NAME, "Alex", "Your self-care plan", "plantar", "What to do",
                "Re-check");
        assertThat(everything).contains("/reports/" + first);
        Matcher link = CONFIRMATION_LINK.matcher(received.text());
        assertThat(link.find()).as("a confirmation link in the text body").isTrue();
        assertThat(link.group(1)).startsWith(running.settings().intakeBaseUrl());

        HttpResponse<String> confirmed = patient.pressButtonOn(link.group(1));

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Email address confirmed");
        UUID second = submitForm(patient, address);
        List<Mailbox.Mail> both = awaitOnlyMail(address, 2);
        Mailbox.Mail plan = both.stream().filter(mail -> mail.everything().contains(second.toString())).findFirst()
                .orElseThrow();
        assertThat(plan.subject()).isEqualTo("Your self-care plan");
        assertThat(plan.everything()).contains("What to do").doesNotContain(PHISHING_NAME, "Alex");
    }

    private static UUID submitForm(PageBrowser patient, String address) {
        HttpResponse<String> sent = patient.submitForm(PatientForms.selfCare(PHISHING_NAME, address, Map.of()));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
        Matcher page = REPORT_PAGE.matcher(sent.headers().firstValue("Location").orElseThrow());
        assertThat(page.find()).isTrue();
        return UUID.fromString(page.group(1));
    }

    private static List<Mailbox.Mail> awaitOnlyMail(String address, int count) {
        await().atMost(ARRIVAL).until(() -> running.mailbox().read(address).size() >= count);
        List<Mailbox.Mail> mails = running.mailbox().read(address);
        assertThat(mails).hasSize(count);
        return mails;
    }
}
