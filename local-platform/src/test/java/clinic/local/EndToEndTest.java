package clinic.local;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform as a user meets it: the real launcher with its in-process KRaft broker, its mail
 * server and the three services, driven over HTTP and checked over HTTP, on the dashboard feed, in the
 * mailboxes (over IMAP) and on the broker itself.
 */
@ExtendWith(SharedPlatform.class)
class EndToEndTest {

    private static final String REPORTS = "clinic.symptom-reports.v1";
    private static final String DECISIONS = "clinic.triage-decisions.v1";
    private static final String URGENT = "clinic.urgent-reviews.v1";
    /** Generous: this is about arriving at all; how fast is measured by the AlertLatencyProbe benchmark. */
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    private static LocalPlatform platform;
    private static PlatformClient client;
    private static KafkaProbe kafka;
    private static Mailbox mailbox;

    @BeforeAll
    static void usePlatform() {
        SharedPlatform.Running running = SharedPlatform.running();
        platform = running.platform();
        client = running.client();
        kafka = running.kafka();
        mailbox = running.mailbox();
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
        try (AlertFeed feed = AlertFeed.open(platform.settings().notificationPort(), client.tokens().clinician())) {
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

    /**
     * The canary: reports whose patient name, email and phone are unmistakable go through the whole pipeline
     * (accepted, rejected as JSON, rejected as a web form); afterwards the address appears in the patient's own
     * mailbox and on the clinician's case page, the name and the phone only on that case page, and none of them
     * anywhere else: not in the log, any Kafka record, error bodies, metrics, the notification APIs, the alert
     * feed, the other clinician pages or the clinician's mail.
     */
    @Test
    void patientIdentityReachesThePatientsOwnMailboxAndTheCasePageAndNowhereElse() {
        Canary selfCare = Canary.fresh("self-care report");
        Canary redFlag = Canary.fresh("red-flag report");
        Canary badJson = Canary.fresh("rejected JSON report");
        Canary badForm = Canary.fresh("rejected web form");
        List<Canary> canaries = List.of(selfCare, redFlag, badJson, badForm);
        Map<String, String> searched = new LinkedHashMap<>();
        UUID selfCareId;
        UUID redFlagId;

        try (AlertFeed feed = AlertFeed.open(platform.settings().notificationPort(), client.tokens().clinician())) {
            selfCareId = client.accept(SampleReports.with(SampleReports.selfCare(), "patient", selfCare.patient()));
            redFlagId = client.accept(SampleReports.with(SampleReports.numbness(), "patient", redFlag.patient()));
            searched.putAll(CanaryRejections.errorBodies(client, badJson, badForm));

            await().atMost(ARRIVAL).until(() -> "TRIAGED".equals(client.report(selfCareId).json().path("status").asString()));
            awaitNotificationKinds(selfCareId, 1);
            awaitNotificationKinds(redFlagId, 2);
            await().atMost(ARRIVAL).until(() -> !mailbox.read(selfCare.email()).isEmpty()
                    && !mailsAbout(LocalPlatform.CLINICIAN_MAILBOX, redFlagId.toString()).isEmpty()
                    && !feed.about("alert-raised", redFlagId.toString()).isEmpty());
            await().atMost(Duration.ofSeconds(30)).until(kafka::allGroupsCaughtUp);
            feed.events().forEach(e -> searched.put("alert feed event " + e.name() + " id " + e.id(), e.data()));
        }
        UUID poisonKey = deadLetterCarryingTheCanary(selfCareId, badJson);

        // Where the address must arrive: the patient's own mail. This also proves the search finds it. The name
        // arrives nowhere, not even there: the clinic's emails quote nothing the submitter typed (issue 12).
        List<Mailbox.Mail> own = mailbox.read(selfCare.email());
        assertThat(own).as("mail to the canary patient").hasSize(1);
        assertThat(own.get(0).everything()).contains(selfCare.email()).doesNotContain(selfCare.name());
        assertThat(Canary.findings(canaries, Map.of("own mailbox", own.get(0).everything()))).isNotEmpty();

        // Where a clinician must find the patient: the red-flag report's case page names them with email and phone.
        // The work queue and the agreement page do not.
        PageBrowser clinician = PageBrowser.loginAt(platform.settings(), platform.settings().notificationBaseUrl(),
                "clinician-demo");
        String casePage = clinician.open(platform.settings().notificationBaseUrl() + "/cases/" + redFlagId).body();
        assertThat(casePage).contains(redFlag.name(), redFlag.email(), redFlag.phone());
        assertThat(Canary.findings(canaries, Map.of("case page", casePage))).isNotEmpty();
        for (String page : List.of("/", "/queue", "/agreement")) {
            HttpResponse<String> shown = clinician.open(platform.settings().notificationBaseUrl() + page);
            assertThat(shown.statusCode()).as("clinician page %s", page).isEqualTo(200);
            searched.put("clinician page " + page, shown.body());
        }
        for (UUID id : List.of(selfCareId, redFlagId)) {
            searched.put("GET /api/v1/notifications?reportId=" + id, client.notifications(id).body());
        }
        searched.put("GET /api/v1/alerts", client.alerts().body());
        for (int port : List.of(platform.settings().intakePort(), platform.settings().triagePort(),
                platform.settings().notificationPort())) {
            for (UUID id : List.of(selfCareId, redFlagId)) {
                PlatformClient.Response audit = client.auditEvents(port, id.toString(), null);
                assertThat(audit.status()).as("audit trail on %d", port).isEqualTo(200);
                searched.put("GET :" + port + "/ops/v1/audit-events?objectId=" + id, audit.body());
            }
        }
        for (int port : List.of(platform.settings().intakePort(), platform.settings().triagePort(),
                platform.settings().notificationPort())) {
            PlatformClient.Response metrics = client.prometheus(port);
            assertThat(metrics.status()).as("prometheus on %d", port).isEqualTo(200);
            searched.put("GET :" + port + "/actuator/prometheus", metrics.body());
        }
        for (String address : List.of(LocalPlatform.CLINICIAN_MAILBOX, LocalPlatform.ESCALATION_MAILBOX)) {
            for (Mailbox.Mail mail : mailbox.read(address)) {
                searched.put("mail to " + address + " '" + mail.subject() + "'", mail.everything());
            }
        }
        searched.putAll(everyKafkaRecord(poisonKey));
        searched.putAll(capturedLogsProvedComplete());

        assertThat(Canary.findings(canaries, searched))
                .as("patient name or email outside the patient's own mailbox (searched %d places)", searched.size())
                .isEmpty();
    }

    /**
     * Plants a symptom-report event whose payload itself carries a canary (in a field the schema refuses, so
     * that the reader's error would quote it) and waits for its dead letter. The dead letter keeps the planted
     * bytes, as it must for a replay; what it adds (reason and exception headers) must not repeat them.
     */
    private static UUID deadLetterCarryingTheCanary(UUID template, Canary canary) {
        ConsumerRecord<byte[], byte[]> real = recordsAbout(REPORTS, template).get(0);
        UUID key = UUID.randomUUID();
        String value = text(real.value()).replace(template.toString(), key.toString())
                .replaceFirst("\"painScore\":\\d+", "\"painScore\":\"" + canary.name() + " " + canary.email() + "\"");
        assertThat(value).contains(canary.email());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : real.headers()) {
            headers.add(header.key(), switch (header.key()) {
                case "ce_id" -> UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
                case "ce_subject" -> key.toString().getBytes(StandardCharsets.UTF_8);
                default -> header.value();
            });
        }
        kafka.send(List.of(new ProducerRecord<>(REPORTS, null, key.toString().getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), headers)));
        await().atMost(ARRIVAL).until(() -> !recordsAbout(REPORTS + ".dlt", key).isEmpty());
        ConsumerRecord<byte[], byte[]> deadLetter = recordsAbout(REPORTS + ".dlt", key).get(0);
        assertThat(deadLetter.headers().lastHeader("clinic-dlt-reason")).as("dead-letter reason").isNotNull();
        return key;
    }

    /**
     * Every record on every topic of the broker (dead-letter and internal topics too): key, headers and value;
     * of the planted poison record only what the platform added to it (key and headers), not the planted bytes.
     */
    private static Map<String, String> everyKafkaRecord(UUID plantedKey) {
        Set<String> topics = kafka.allTopics();
        assertThat(topics).contains(REPORTS, DECISIONS, URGENT, REPORTS + ".dlt");
        Map<String, String> records = new LinkedHashMap<>();
        kafka.readAll(topics).forEach((topic, list) -> {
            for (ConsumerRecord<byte[], byte[]> record : list) {
                boolean planted = plantedKey.toString().equals(text(record.key()));
                records.put("kafka " + topic + "-" + record.partition() + "@" + record.offset()
                                + (planted ? " (planted poison: key and headers)" : ""),
                        text(record.key()) + " " + headerText(record) + " " + (planted ? "" : text(record.value())));
            }
        });
        assertThat(records).as("kafka records read").isNotEmpty();
        return records;
    }

    /**
     * The captured log, after checking it is whole: it holds the services' start-up lines (so it was
     * recording before the platform started and survived Spring Boot's logging reset) and a DEBUG line
     * of our packages, written through logback, with a canary of its own that the search must find, in the text
     * lines and in the ECS JSON lines.
     */
    private static Map<String, String> capturedLogsProvedComplete() {
        Canary probe = Canary.fresh("log probe");
        org.slf4j.LoggerFactory.getLogger("clinic.local.CanaryProbe").debug("probe {}", probe.email());
        List<CapturedLogs.Line> lines = CapturedLogs.lines();
        assertThat(lines).extracting(CapturedLogs.Line::logger)
                .anyMatch(l -> l.startsWith("clinic.intake")).anyMatch(l -> l.startsWith("clinic.triage"))
                .anyMatch(l -> l.startsWith("clinic.notification")).contains("clinic.local.LocalPlatform");
        Map<String, String> logs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            CapturedLogs.Line line = lines.get(i);
            logs.put("log line " + i + " " + line.level() + " " + line.logger(), line.text());
        }
        List<String> json = CapturedLogs.jsonLines();
        for (int i = 0; i < json.size(); i++) {
            logs.put("JSON log line " + i, json.get(i));
        }
        assertThat(Canary.findings(List.of(probe), logs)).as("the DEBUG probe line, found by the search in the text "
                + "and in the JSON lines").hasSize(2);
        return logs;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
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
