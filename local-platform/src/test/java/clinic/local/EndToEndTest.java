package clinic.local;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform as a user meets it: the real launcher with its in-process KRaft broker, its mail
 * server and the three services, driven over HTTP and checked over HTTP, on the dashboard feed, in the
 * mailboxes (over IMAP) and on the broker itself.
 */
class EndToEndTest {

    private static final String REPORTS = "clinic.symptom-reports.v1";
    private static final String DECISIONS = "clinic.triage-decisions.v1";
    private static final String URGENT = "clinic.urgent-reviews.v1";
    /** Generous: this is about arriving at all; how fast is measured by the AlertLatencyProbe benchmark. */
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static LocalPlatform platform;
    private static PlatformClient client;
    private static KafkaProbe kafka;
    private static Mailbox mailbox;

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.start(FreePorts.settings(dataDir));
        client = new PlatformClient(platform.settings());
        kafka = new KafkaProbe(platform.settings().kafkaBootstrap());
        mailbox = new Mailbox(platform.settings().imapPort());
    }

    @AfterAll
    static void stopPlatform() {
        if (kafka != null) {
            kafka.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void selfCareReportBecomesDecisionAndPatientNotice() {
        PlatformClient.Response accepted = client.submit(SampleReports.selfCare());
        assertThat(accepted.status()).isEqualTo(202);
        UUID reportId = UUID.fromString(accepted.json().get("reportId").asString());
        assertThat(accepted.json().get("status").asString()).isEqualTo("RECEIVED");

        JsonNode decision = awaitDecision(reportId);
        assertThat(decision.get("disposition").asString()).isEqualTo("SELF_CARE");
        assertThat(decision.get("redFlags")).isEmpty();
        assertThat(decision.get("likelyConditions").get(0).get("condition").asString()).isEqualTo("PLANTAR_HEEL_PAIN");
        assertThat(decision.get("selfCarePlan").isObject()).isTrue();
        assertThat(decision.get("ruleset").get("hash").asString()).hasSize(64);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode report = client.report(reportId).json();
            assertThat(report.get("status").asString()).isEqualTo("TRIAGED");
            assertThat(report.get("disposition").asString()).isEqualTo("SELF_CARE");
        });
        assertThat(awaitNotificationKinds(reportId, 1)).containsExactly("PATIENT_NOTICE");
    }

    @Test
    void redFlagReportBecomesClinicianAlert() {
        UUID reportId = client.accept(SampleReports.numbness());

        JsonNode decision = awaitDecision(reportId);
        assertThat(decision.get("disposition").asString()).isEqualTo("URGENT_REVIEW");
        assertThat(texts(decision.get("redFlags"))).containsExactly("NUMBNESS");

        assertThat(awaitNotificationKinds(reportId, 2)).containsExactlyInAnyOrder("CLINICIAN_ALERT", "PATIENT_NOTICE");
        JsonNode alerts = client.alerts().json();
        assertThat(alerts.valueStream().map(a -> a.get("reportId").asString())).contains(reportId.toString());
    }

    @Test
    void redFlagReportReachesTheDashboardFeedAndTheClinicianMailboxWithoutPatientIdentity() {
        try (AlertFeed feed = AlertFeed.open(platform.settings().notificationPort())) {
            String reportId = client.accept(SampleReports.numbness()).toString();

            await().atMost(ARRIVAL).until(() -> !feed.about("alert-raised", reportId).isEmpty());
            AlertFeed.Event raised = feed.about("alert-raised", reportId).get(0);
            assertThat(raised.id()).as("feed sequence number").matches("\\d+");
            JsonNode alert = raised.json();
            assertThat(alert.get("disposition").asString()).isEqualTo("URGENT_REVIEW");
            assertThat(texts(alert.get("redFlags"))).containsExactly("NUMBNESS");
            assertThat(alert.get("status").asString()).isEqualTo("OPEN");
            assertThat(raised.data()).doesNotContain(SampleReports.CANARY_NAME, SampleReports.CANARY_EMAIL);

            Mailbox.Mail mail = awaitOnlyMailAbout(LocalPlatform.CLINICIAN_MAILBOX, reportId);
            assertThat(mail.to()).containsExactly(LocalPlatform.CLINICIAN_MAILBOX);
            assertThat(readable(mail)).contains("urgent review", "numbness");
            assertThat(mail.text() + mail.html()).as("link to the report on this platform")
                    .containsPattern("http://localhost:(" + platform.settings().triagePort() + "|"
                            + platform.settings().intakePort() + ")/[^\\s\"<>]*" + reportId);
            assertThat(mail.everything()).doesNotContain(SampleReports.CANARY_NAME, SampleReports.CANARY_EMAIL, "E2E-1");
        }
    }

    @Test
    void selfCarePatientGetsExactlyOneEmailWithTheirPlan() {
        String address = "runner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        UUID reportId = client.accept(SampleReports.from(SampleReports.selfCare(), "Sam Selfcare", address));
        JsonNode plan = awaitDecision(reportId).get("selfCarePlan");

        await().atMost(ARRIVAL).until(() -> !mailbox.read(address).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(kafka::allGroupsCaughtUp);

        List<Mailbox.Mail> mails = mailbox.read(address);
        assertThat(mails).as("mail to the patient").hasSize(1);
        assertThat(mails.get(0).to()).containsExactly(address);
        assertThat(readable(mails.get(0))).as("the plan in the mail")
                .contains(normalised(plan.get("summary").asString()), normalised(plan.get("advice").get(0).asString()));
    }

    @Test
    void suddenPopIsAnEmergencyAndDiabetesARoutineReview() {
        UUID emergency = client.accept(SampleReports.suddenPop());
        UUID routine = client.accept(SampleReports.diabetes());

        assertThat(awaitDecision(emergency).get("disposition").asString()).isEqualTo("EMERGENCY");
        assertThat(awaitNotificationKinds(emergency, 2)).containsExactlyInAnyOrder("CLINICIAN_ALERT", "PATIENT_NOTICE");
        assertThat(awaitDecision(routine).get("disposition").asString()).isEqualTo("ROUTINE_REVIEW");
        assertThat(awaitNotificationKinds(routine, 2))
                .containsExactlyInAnyOrder("ROUTINE_REVIEW_ITEM", "PATIENT_NOTICE");
    }

    @Test
    void redeliveringEveryEventTwiceCreatesNoDuplicates() {
        String patientMailbox = "twice-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        UUID selfCare = client.accept(SampleReports.from(SampleReports.selfCare(), "Pat Twice", patientMailbox));
        UUID urgent = client.accept(SampleReports.numbness());
        awaitNotificationKinds(selfCare, 1);
        awaitNotificationKinds(urgent, 2);
        await().atMost(ARRIVAL).until(() -> !mailbox.read(patientMailbox).isEmpty()
                && !mailsAbout(LocalPlatform.CLINICIAN_MAILBOX, urgent.toString()).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(kafka::allGroupsCaughtUp);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> original = Map.of(
                REPORTS, recordsAbout(REPORTS, selfCare, urgent),
                DECISIONS, recordsAbout(DECISIONS, selfCare, urgent),
                URGENT, recordsAbout(URGENT, selfCare, urgent));
        assertThat(original.get(REPORTS)).hasSize(2);
        assertThat(original.get(DECISIONS)).hasSize(2);
        assertThat(original.get(URGENT)).hasSize(1);

        for (int round = 0; round < 2; round++) {
            original.forEach(kafka::resend);
        }
        await().atMost(Duration.ofSeconds(30)).until(kafka::allGroupsCaughtUp);

        // Only the redelivered copies were added: triage published no second decision or urgent review.
        assertThat(recordsAbout(DECISIONS, selfCare, urgent)).as("decision events").hasSize(2 + 2 * 2);
        assertThat(recordsAbout(URGENT, selfCare, urgent)).as("urgent review events").hasSize(1 + 2);
        assertThat(kinds(selfCare)).containsExactly("PATIENT_NOTICE");
        assertThat(kinds(urgent)).containsExactlyInAnyOrder("CLINICIAN_ALERT", "PATIENT_NOTICE");
        assertThat(client.decision(urgent).json().get("disposition").asString()).isEqualTo("URGENT_REVIEW");
        assertThat(mailbox.read(patientMailbox)).as("patient emails").hasSize(1);
        assertThat(mailsAbout(LocalPlatform.CLINICIAN_MAILBOX, urgent.toString())).as("clinician emails").hasSize(1);
    }

    @Test
    void eventsCarryCloudEventsHeadersAndNoPatientIdentity() {
        UUID reportId = client.accept(SampleReports.numbness());
        awaitNotificationKinds(reportId, 2);

        for (String topic : List.of(REPORTS, DECISIONS, URGENT)) {
            List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic).stream()
                    .filter(r -> isAbout(r, reportId)).toList();
            assertThat(records).as(topic).isNotEmpty();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(reportId.toString());
                assertThat(headerNames(record)).contains("ce_id", "ce_type", "ce_source", "ce_specversion",
                        "ce_time", "ce_subject", "ce_dataschema", "content-type");
                String everything = new String(record.value(), StandardCharsets.UTF_8) + headerText(record);
                assertThat(everything).doesNotContain(SampleReports.CANARY_NAME, SampleReports.CANARY_EMAIL, "E2E-1");
            }
        }
    }

    @Test
    void theLauncherRunsTheLocalIssuerWithTheReadmeClient() {
        PlatformClient.Response metadata = client.issuerMetadata();
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().get("issuer").asString()).isEqualTo(platform.settings().issuer());

        PlatformClient.Response token = client.clientCredentialsToken("clinic-integration",
                "clinic-integration-secret", "reports:write reports:read");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("access_token").asString()).isNotBlank();
        assertThat(client.clientCredentialsToken("clinic-integration", "wrong-secret", "reports:read").status())
                .isEqualTo(401);
    }

    @Test
    void rejectedInputCreatesNoReportAndNoEvent() {
        UUID before = client.accept(SampleReports.selfCare());
        awaitDecision(before);
        long eventsBefore = kafka.size(REPORTS);

        List<PlatformClient.Response> rejected = new ArrayList<>();
        rejected.add(client.submitRaw("{\"ageYears\": 40,", "application/json"));
        rejected.add(client.submit(SampleReports.with(SampleReports.selfCare(), "painScore", 11)));
        rejected.add(client.submit(SampleReports.with(SampleReports.selfCare(), "hasDiabetes", "sometimes")));
        rejected.add(client.submit(SampleReports.with(SampleReports.selfCare(), "painLocation", "TOE")));
        Map<String, Object> withoutLocation = SampleReports.selfCare();
        withoutLocation.remove("painLocation");
        rejected.add(client.submit(withoutLocation));
        rejected.add(client.submitRaw("{\"padding\":\"" + "x".repeat(1024 * 1024) + "\"}", "application/json"));
        rejected.add(client.submitRaw("painScore=3", "text/plain"));

        assertThat(rejected).extracting(PlatformClient.Response::status)
                .containsExactly(400, 400, 400, 400, 400, 413, 415);
        assertThat(rejected).allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));

        // A later good report is published; none of the rejected ones ever was.
        UUID after = client.accept(SampleReports.selfCare());
        awaitDecision(after);
        assertThat(kafka.size(REPORTS)).isEqualTo(eventsBefore + 1);
    }

    /** Waits for a mail that names the report, then checks that it is the only one. */
    private static Mailbox.Mail awaitOnlyMailAbout(String address, String reportId) {
        await().atMost(ARRIVAL).until(() -> !mailsAbout(address, reportId).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(kafka::allGroupsCaughtUp);
        List<Mailbox.Mail> mails = mailsAbout(address, reportId);
        assertThat(mails).as("mails about %s in %s", reportId, address).hasSize(1);
        return mails.get(0);
    }

    private static List<Mailbox.Mail> mailsAbout(String address, String reportId) {
        return mailbox.read(address).stream().filter(m -> (m.subject() + m.text() + m.html()).contains(reportId)).toList();
    }

    /** The mail as a reader sees it (plain text, else the HTML without markup), in normalised words. */
    private static String readable(Mailbox.Mail mail) {
        String body = mail.text().isBlank() ? mail.html().replaceAll("<[^>]*>", " ") : mail.text();
        body = body.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
        return normalised(mail.subject() + " " + body);
    }

    /** Lower case, underscores as spaces, runs of white space as one: URGENT_REVIEW reads as "urgent review". */
    private static String normalised(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ").trim();
    }

    private static List<ConsumerRecord<byte[], byte[]>> recordsAbout(String topic, UUID... reportIds) {
        return kafka.readAll(topic).stream().filter(r -> isAbout(r, reportIds)).toList();
    }

    private static JsonNode awaitDecision(UUID reportId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.decision(reportId).status() == 200);
        return client.decision(reportId).json();
    }

    private static List<String> awaitNotificationKinds(UUID reportId, int expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> kinds(reportId).size() >= expected);
        return kinds(reportId);
    }

    private static List<String> kinds(UUID reportId) {
        return texts(client.notifications(reportId).json(), "kind");
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        return array.valueStream().map(n -> n.get(field).asString()).toList();
    }

    private static boolean isAbout(ConsumerRecord<byte[], byte[]> record, UUID... reportIds) {
        String key = new String(record.key(), StandardCharsets.UTF_8);
        for (UUID id : reportIds) {
            if (id.toString().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
        List<String> names = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key());
        }
        return names;
    }

    private static String headerText(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder();
        for (Header header : record.headers()) {
            text.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
