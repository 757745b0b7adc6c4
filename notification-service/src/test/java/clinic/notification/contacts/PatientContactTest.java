package clinic.notification.contacts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading intake's contact answer. A plain mapper, stricter than the application's: the record itself must
 * say what it tolerates.
 */
class PatientContactTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final UUID reportId = UUID.randomUUID();

    @Test
    void readsIntakesAnswer() {
        PatientContact contact = read("""
                {"reportId": "%s", "email": "pat@example.test", "emailConfirmed": false,
                 "confirmationPath": "/email-confirmations/abc"}""");

        assertThat(contact).isEqualTo(new PatientContact(reportId, "pat@example.test", false,
                "/email-confirmations/abc"));
    }

    @Test
    void anOlderIntakesNameIsIgnored() {
        PatientContact contact = read("""
                {"reportId": "%s", "name": "Pat Example", "email": "pat@example.test", "emailConfirmed": true}""");

        assertThat(contact).isEqualTo(new PatientContact(reportId, "pat@example.test", true, null));
    }

    @Test
    void anAbsentOrNullConfirmedFlagMeansUnconfirmed() {
        assertThat(read("""
                {"reportId": "%s", "email": "pat@example.test"}""").emailConfirmed()).isFalse();
        assertThat(read("""
                {"reportId": "%s", "email": "pat@example.test", "emailConfirmed": null}""").emailConfirmed()).isFalse();
    }

    @Test
    void toStringPrintsNeitherTheAddressNorTheConfirmationToken() {
        PatientContact contact = new PatientContact(reportId, "pat@example.test", false, "/email-confirmations/abc");

        assertThat(contact.toString()).contains(reportId.toString()).doesNotContain("pat@", "example.test", "abc");
    }

    private PatientContact read(String template) {
        return json.readValue(template.formatted(reportId), PatientContact.class);
    }
}
