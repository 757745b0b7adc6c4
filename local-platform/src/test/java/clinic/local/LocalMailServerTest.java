package clinic.local;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local mail server as the notification service and a person with a mail client meet it. */
class LocalMailServerTest {

    private static LocalMailServer server;
    private static Mailbox mailbox;

    @BeforeAll
    static void start() {
        server = LocalMailServer.start(FreePorts.next(), FreePorts.next());
        mailbox = new Mailbox(server.imapPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void mailSentWithoutCredentialsLandsOnlyInTheRecipientsMailbox() throws MessagingException {
        send("ward-a@clinic.local", "Ward A round", "Bed 3 first");

        List<Mailbox.Mail> received = mailbox.read("ward-a@clinic.local");
        assertThat(received).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("Ward A round");
            assertThat(mail.to()).containsExactly("ward-a@clinic.local");
            assertThat(mail.text()).contains("Bed 3 first");
        });
        assertThat(mailbox.read("ward-b@clinic.local")).isEmpty();
    }

    @Test
    void readHintNamesTheImapPortAndTheAddressAsUserAndPassword() {
        assertThat(server.readHint("oncall@clinic.local")).isEqualTo("curl -s \"imap://localhost:" + server.imapPort()
                + "/INBOX;UID=1\" -u oncall@clinic.local:oncall@clinic.local");
    }

    @Test
    void aSecondServerCannotTakeTheSamePorts() {
        assertThatThrownBy(() -> LocalMailServer.start(server.smtpPort(), FreePorts.next()).close())
                .isInstanceOf(RuntimeException.class);
    }

    private static void send(String to, String subject, String body) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("heel-clinic@clinic.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(body);
        Transport.send(message);
    }
}
