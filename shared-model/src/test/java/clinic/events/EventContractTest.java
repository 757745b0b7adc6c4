package clinic.events;

import clinic.events.triage.Condition;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every produced event must satisfy its published JSON Schema and survive the wire unchanged. */
class EventContractTest {

    private final EventCodec codec = new EventCodec("/clinic/test");

    @Test
    void symptomReportSubmittedMatchesItsSchemaAndRoundTrips() {
        assertContract(ClinicTopics.SYMPTOM_REPORTS, SampleEvents.report());
    }

    @Test
    void decisionMadeMatchesItsSchemaAndRoundTrips() {
        assertContract(ClinicTopics.TRIAGE_DECISIONS, SampleEvents.selfCareDecision());
    }

    @Test
    void urgentReviewRequestedMatchesItsSchemaAndRoundTrips() {
        assertContract(ClinicTopics.URGENT_REVIEWS, SampleEvents.urgentReview());
    }

    @Test
    void reviewCompletedMatchesItsSchemaAndRoundTrips() {
        assertContract(ClinicTopics.REVIEW_OUTCOMES, SampleEvents.reviewCompleted(Condition.PLANTAR_HEEL_PAIN));
    }

    @Test
    void aReviewOfADecisionWithoutARankedConditionCarriesANullTopCondition() {
        assertContract(ClinicTopics.REVIEW_OUTCOMES, SampleEvents.reviewCompleted(null));
    }

    @Test
    void schemaForbidsANoteOrAnEmailAddressInAReviewOutcome() {
        String withNote = json(SampleEvents.reviewCompleted(null)).replaceFirst("\\{", "{\"note\":\"called her\",");
        String byEmail = json(SampleEvents.reviewCompleted(null)).replace("\"dr-lee\"", "\"dr.lee@example.org\"");

        assertThat(codec.schemaViolations(EventType.REVIEW_COMPLETED, bytes(withNote)))
                .anySatisfy(v -> assertThat(v).contains("additionalProperties"));
        assertThat(codec.schemaViolations(EventType.REVIEW_COMPLETED, bytes(byEmail))).isNotEmpty();
    }

    private <T> void assertContract(ClinicTopic<T> topic, T payload) {
        OutgoingEvent event = codec.encode(topic, SampleEvents.REPORT_ID, payload, SampleEvents.TIME);
        assertThat(codec.schemaViolations(topic.eventType(), event.payload())).isEmpty();

        ProducerRecord<String, byte[]> record = EventCodec.toProducerRecord(event);
        assertThat(record.topic()).isEqualTo(topic.name());
        assertThat(record.key()).isEqualTo(SampleEvents.REPORT_ID.toString());
        assertThat(header(record.headers(), "ce_type")).isEqualTo(topic.eventType().type());
        assertThat(header(record.headers(), "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record.headers(), "ce_subject")).isEqualTo(SampleEvents.REPORT_ID.toString());
        assertThat(header(record.headers(), "ce_id")).isEqualTo(event.id().toString());
        assertThat(header(record.headers(), "ce_source")).isEqualTo("/clinic/test");
        assertThat(header(record.headers(), "ce_time")).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(header(record.headers(), "ce_dataschema")).isEqualTo(topic.eventType().dataSchemaUri());
        assertThat(header(record.headers(), "content-type")).isEqualTo("application/json");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("Java", "clinic.events.");

        IncomingEvent<T> decoded = codec.decode(topic, record.headers(), record.value());
        assertThat(decoded.data()).isEqualTo(payload);
        assertThat(decoded.id()).isEqualTo(event.id());
        assertThat(decoded.type()).isSameAs(topic.eventType());
    }

    @Test
    void theSubmitterTravelsAsAnExtensionAttributeOutsideThePayload() {
        OutgoingEvent event = SubmittedBy.client("clinic-integration")
                .stamp(codec.encode(ClinicTopics.SYMPTOM_REPORTS, SampleEvents.REPORT_ID, SampleEvents.report(),
                        SampleEvents.TIME));
        ProducerRecord<String, byte[]> record = EventCodec.toProducerRecord(event);

        assertThat(header(record.headers(), "ce_submittedby")).isEqualTo("client:clinic-integration");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("clinic-integration");
        IncomingEvent<?> decoded = codec.decode(record.headers(), record.value());
        assertThat(SubmittedBy.of(decoded)).contains(SubmittedBy.client("clinic-integration"));

        OutgoingEvent byPerson = SubmittedBy.person().stamp(event);
        ProducerRecord<String, byte[]> personRecord = EventCodec.toProducerRecord(byPerson);
        assertThat(header(personRecord.headers(), "ce_submittedby")).isEqualTo("person");
        assertThat(SubmittedBy.of(codec.decode(personRecord.headers(), personRecord.value())))
                .contains(SubmittedBy.person());
    }

    @Test
    void anEventWithoutOrWithAMalformedSubmitterIsStillDecodedButNamesNoOwner() {
        ProducerRecord<String, byte[]> unstamped = EventCodec.toProducerRecord(
                codec.encode(ClinicTopics.SYMPTOM_REPORTS, SampleEvents.REPORT_ID, SampleEvents.report(),
                        SampleEvents.TIME));
        assertThat(SubmittedBy.of(codec.decode(unstamped.headers(), unstamped.value()))).isEmpty();

        for (String malformed : new String[]{"client:", "client:a b", "client:x\r\nInjected: 1", "PERSON", "admin"}) {
            Headers headers = new RecordHeaders(unstamped.headers().toArray());
            headers.add("ce_submittedby", malformed.getBytes(StandardCharsets.UTF_8));
            assertThat(SubmittedBy.of(codec.decode(headers, unstamped.value()))).as(malformed).isEmpty();
        }
        Headers tooLong = new RecordHeaders(unstamped.headers().toArray());
        tooLong.add("ce_submittedby", ("client:" + "a".repeat(300)).getBytes(StandardCharsets.UTF_8));
        assertThat(SubmittedBy.of(codec.decode(tooLong, unstamped.value()))).isEmpty();
    }

    @Test
    void onlyKnownExtensionAttributesCanBeStamped() {
        OutgoingEvent event = codec.encode(ClinicTopics.SYMPTOM_REPORTS, SampleEvents.REPORT_ID,
                SampleEvents.report(), SampleEvents.TIME);
        assertThatThrownBy(() -> event.withExtension("patientname", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typeNamesCarryExplicitVersionsNeverClassNames() {
        assertThat(EventType.all()).extracting(EventType::type).containsExactly(
                "clinic.intake.symptom-report-submitted.v1",
                "clinic.triage.decision-made.v1",
                "clinic.triage.urgent-review-requested.v1",
                "clinic.notification.review-completed.v1");
        assertThat(ClinicTopics.all()).extracting(ClinicTopic::name).containsExactly(
                "clinic.symptom-reports.v1", "clinic.triage-decisions.v1", "clinic.urgent-reviews.v1",
                "clinic.review-outcomes.v1");
        assertThat(ClinicTopics.URGENT_REVIEWS.deadLetterTopic()).isEqualTo("clinic.urgent-reviews.v1.dlt");
    }

    @Test
    void schemaForbidsPatientIdentityInSymptomReports() {
        String withPatient = json(SampleEvents.report()).replaceFirst("\\{",
                "{\"patient\":{\"name\":\"x\",\"email\":\"x@example.org\"},");
        assertThat(codec.schemaViolations(EventType.SYMPTOM_REPORT_SUBMITTED, bytes(withPatient)))
                .anySatisfy(v -> assertThat(v).contains("additionalProperties"));
    }

    @Test
    void rejectsPayloadThatBreaksTheSchemaWithoutEchoingValues() {
        String bad = json(SampleEvents.report()).replace("\"painScore\":5", "\"painScore\":11");
        ProducerRecord<String, byte[]> record = recordWithValue(bytes(bad));
        assertThatThrownBy(() -> codec.decode(ClinicTopics.SYMPTOM_REPORTS, record.headers(), record.value()))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.SCHEMA_VIOLATION);
                    assertThat(e.getMessage()).contains("painScore").doesNotContain("11");
                });
    }

    @Test
    void rejectsBytesThatAreNotJson() {
        ProducerRecord<String, byte[]> record = recordWithValue(new byte[] {(byte) 0xff, 0x00, 0x13});
        assertThatThrownBy(() -> codec.decode(record.headers(), record.value()))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.UNREADABLE_PAYLOAD));
    }

    @Test
    void rejectsUnknownEventTypeOrVersion() {
        ProducerRecord<String, byte[]> record = recordWithValue(bytes(json(SampleEvents.report())));
        record.headers().remove("ce_type");
        record.headers().add("ce_type", "clinic.intake.symptom-report-submitted.v9".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.decode(record.headers(), record.value()))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.UNKNOWN_EVENT_TYPE));
    }

    @Test
    void rejectsRecordWithoutCloudEventsHeaders() {
        assertThatThrownBy(() -> codec.decode(new RecordHeaders(), bytes(json(SampleEvents.report()))))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.MISSING_HEADER));
    }

    @Test
    void rejectsEventOfAnotherTypeOnATopic() {
        OutgoingEvent event = codec.encode(ClinicTopics.URGENT_REVIEWS, SampleEvents.REPORT_ID,
                SampleEvents.urgentReview(), SampleEvents.TIME);
        ProducerRecord<String, byte[]> record = EventCodec.toProducerRecord(event);
        assertThatThrownBy(() -> codec.decode(ClinicTopics.TRIAGE_DECISIONS, record.headers(), record.value()))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.WRONG_TOPIC));
    }

    private ProducerRecord<String, byte[]> recordWithValue(byte[] value) {
        OutgoingEvent good = codec.encode(ClinicTopics.SYMPTOM_REPORTS, SampleEvents.REPORT_ID, SampleEvents.report(),
                SampleEvents.TIME);
        ProducerRecord<String, byte[]> record = EventCodec.toProducerRecord(good);
        return new ProducerRecord<>(record.topic(), null, record.key(), value, record.headers());
    }

    private String json(Object payload) {
        OutgoingEvent event = codec.encode(ClinicTopics.SYMPTOM_REPORTS, SampleEvents.REPORT_ID,
                SampleEvents.report(), SampleEvents.TIME);
        return new String(event.payload(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
