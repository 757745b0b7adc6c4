package clinic.notification.email;

import clinic.notification.contacts.PatientContact;
import clinic.notification.delivery.DeliveryChannel;
import clinic.notification.delivery.DeliveryTask;
import clinic.notification.delivery.Message;
import clinic.notification.delivery.Recipient;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UnconfirmedAddressMessagesTest {

    private final UnconfirmedAddressMessages messages = new UnconfirmedAddressMessages("https://intake.example//");
    private final UUID reportId = UUID.randomUUID();
    // The notice as it is stored: none of it may reach the model.
    private final DeliveryTask task = new DeliveryTask(UUID.randomUUID(), UUID.randomUUID(), reportId,
            NotificationKind.PATIENT_NOTICE, Priority.P4,
            "{\"disposition\": \"SELF_CARE\", \"headline\": \"Your self-care plan\", \"message\": \"...\"}",
            Instant.now(), DeliveryChannel.EMAIL, Recipient.PATIENT, 0, 1, null);

    @Test
    void linksTheConfirmationAndTheStatusPageOnIntakesBaseUrl() {
        Message message = messages.compose(task, contact("/email-confirmations/tok_en-1"));

        assertThat(message.subject()).isEqualTo("We received your heel-pain report");
        assertThat(message.template()).isEqualTo("patient-confirm-email");
        assertThat(message.model()).containsOnlyKeys("confirmationLink", "statusLink")
                .containsEntry("confirmationLink", "https://intake.example/email-confirmations/tok_en-1")
                .containsEntry("statusLink", "https://intake.example/reports/" + reportId);
        assertThat(message.webhookBody()).isNull();
    }

    @Test
    void withoutAPathThereIsNoConfirmationLink() {
        assertThat(messages.compose(task, contact(null)).model().get("confirmationLink")).isNull();
        assertThat(messages.compose(task, contact(" ")).model().get("confirmationLink")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/confirm", "@evil.example/confirm", "email-confirmations/x",
            "/\\evil.example", "/confirm x", "/confirm\"><script>", "https://evil.example/confirm"})
    void aPathThatCouldLeaveIntakeIsNotLinked(String path) {
        assertThat(messages.compose(task, contact(path)).model().get("confirmationLink")).isNull();
    }

    private PatientContact contact(String confirmationPath) {
        return new PatientContact(reportId, "pat@example.test", false, confirmationPath);
    }
}
