package clinic.notification.email;

import clinic.support.tracing.TraceContexts;

import clinic.notification.Mailbox;
import clinic.notification.NotificationProperties;
import clinic.notification.TestServers;
import clinic.notification.delivery.ChannelSender;
import clinic.notification.delivery.DeliveryChannel;
import clinic.notification.delivery.DeliveryFailure;
import clinic.notification.delivery.DeliveryTask;
import clinic.notification.delivery.Message;
import clinic.notification.delivery.Outcome;
import clinic.notification.delivery.Recipient;
import clinic.notification.log.NotificationKind;
import clinic.notification.log.Priority;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The email channel's batches against the real test SMTP server (GreenMail): one connection per batch, every
 * message with its own Message-ID, and a recipient the server refuses failing only its own delivery.
 */
class EmailBatchTest {

    private static final String ONCALL = "oncall-batch@clinic.test";
    private static final String REFUSED = "refused-batch@clinic.test";

    /** The real SMTP transport, counting its connections and refusing {@link #REFUSED} at RCPT as a server would. */
    static final class CountingMailSender extends JavaMailSenderImpl {
        final AtomicInteger connections = new AtomicInteger();

        @Override
        protected Transport getTransport(Session session) throws NoSuchProviderException {
            URLName url = new URLName("smtp", getHost(), getPort(), null, null, null);
            return new SMTPTransport(session, url) {
                @Override
                protected boolean protocolConnect(String host, int port, String user, String password)
                        throws MessagingException {
                    connections.incrementAndGet();
                    return super.protocolConnect(host, port, user, password);
                }

                @Override
                public synchronized void sendMessage(jakarta.mail.Message message, Address[] addresses)
                        throws MessagingException {
                    for (Address address : addresses) {
                        if (((InternetAddress) address).getAddress().equals(REFUSED)) {
                            throw new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(
                                    (InternetAddress) address, "RCPT TO", 550, "550 5.1.1 mailbox unavailable"),
                                    new Address[0], new Address[0], new Address[] {address});
                        }
                    }
                    super.sendMessage(message, addresses);
                }
            };
        }
    }

    private final CountingMailSender mail = mailSender();

    @Test
    void sendsABatchOverOneConnectionEachMessageWithItsOwnMessageId() {
        EmailChannel channel = channel("escalation-batch@clinic.test");
        UUID marker = UUID.randomUUID();
        List<ChannelSender.Outgoing> batch = IntStream.range(0, 5)
                .mapToObj(i -> alert(Recipient.CLINICIAN, marker)).toList();

        Map<UUID, DeliveryFailure> failures = channel.sendAll(batch);

        assertThat(failures).isEmpty();
        assertThat(mail.connections).hasValue(1);
        List<MimeMessage> received = Mailbox.to(ONCALL, marker.toString());
        assertThat(received).hasSize(5);
        assertThat(received).extracting(message -> Mailbox.header(message, "Message-ID"))
                .containsExactlyInAnyOrderElementsOf(batch.stream()
                        .map(o -> "<" + o.task().deliveryId() + "@notification.clinic.local>").toList());
        assertThat(received).extracting(message -> Mailbox.header(message, EmailChannel.DELIVERY_ID_HEADER))
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(o -> o.task().deliveryId().toString()).toList());
    }

    @Test
    void aRecipientTheServerRefusesFailsOnlyItsOwnDeliveryAsTransient() {
        EmailChannel channel = channel(REFUSED);
        UUID marker = UUID.randomUUID();
        ChannelSender.Outgoing first = alert(Recipient.CLINICIAN, marker);
        ChannelSender.Outgoing refused = alert(Recipient.ESCALATION, marker);
        ChannelSender.Outgoing last = alert(Recipient.CLINICIAN, marker);

        Map<UUID, DeliveryFailure> failures = channel.sendAll(List.of(first, refused, last));

        assertThat(failures).containsOnlyKeys(refused.task().deliveryId());
        DeliveryFailure failure = failures.get(refused.task().deliveryId());
        assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
        assertThat(failure.errorClass()).isEqualTo(SMTPAddressFailedException.class.getName());
        assertThat(mail.connections).hasValue(1);
        assertThat(Mailbox.to(ONCALL, marker.toString())).extracting(m -> Mailbox.header(m, "Message-ID"))
                .containsExactlyInAnyOrder("<" + first.task().deliveryId() + "@notification.clinic.local>",
                        "<" + last.task().deliveryId() + "@notification.clinic.local>");
    }

    @Test
    void aMailServerThatIsDownFailsEveryDeliveryOfTheBatchAsTransientAsASingleSendDid() {
        CountingMailSender down = mailSender();
        down.setPort(unusedPort());
        EmailChannel channel = new EmailChannel(down, new MailTemplates(), null,
                new UnconfirmedAddressMessages("http://intake.test"), properties("escalation-batch@clinic.test"), TraceContexts.untraced());
        UUID marker = UUID.randomUUID();
        List<ChannelSender.Outgoing> batch = List.of(alert(Recipient.CLINICIAN, marker),
                alert(Recipient.ESCALATION, marker));

        Map<UUID, DeliveryFailure> failures = channel.sendAll(batch);

        assertThat(failures).hasSize(2).allSatisfy((id, failure) -> {
            assertThat(failure.outcome()).isEqualTo(Outcome.TRANSIENT_FAILURE);
            assertThat(failure.errorClass()).isEqualTo("java.net.ConnectException");
        });
    }

    private EmailChannel channel(String escalationTo) {
        return new EmailChannel(mail, new MailTemplates(), null, new UnconfirmedAddressMessages("http://intake.test"),
                properties(escalationTo), TraceContexts.untraced());
    }

    private static CountingMailSender mailSender() {
        CountingMailSender sender = new CountingMailSender();
        sender.setHost("127.0.0.1");
        sender.setPort(TestServers.smtp().getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        return sender;
    }

    private static int unusedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NotificationProperties properties(String escalationTo) {
        return new NotificationProperties(new NotificationProperties.Email("heel-clinic@clinic.test", ONCALL),
                new NotificationProperties.Webhook("", "", Duration.ofSeconds(2)),
                new NotificationProperties.Escalation(escalationTo, "",
                        new NotificationProperties.Deadline(Duration.ofMinutes(5), Duration.ofMinutes(30)),
                        Duration.ofSeconds(1)),
                new NotificationProperties.Intake("http://intake.test", Duration.ofSeconds(1), Duration.ofSeconds(1),
                        0, Duration.ofMillis(50)),
                new NotificationProperties.Delivery(Duration.ofMillis(250), 100, Duration.ofMinutes(2), 4, 8,
                        Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5), 20),
                new NotificationProperties.Stream(Duration.ofMillis(200), Duration.ofSeconds(15),
                        Duration.ofMinutes(30)));
    }

    /** An alert message with the keys {@code AlertMessages} fills; {@code marker} in the text picks it out. */
    private static ChannelSender.Outgoing alert(Recipient recipient, UUID marker) {
        UUID alertId = UUID.randomUUID();
        DeliveryTask task = new DeliveryTask(UUID.randomUUID(), alertId, marker, NotificationKind.CLINICIAN_ALERT,
                Priority.P1, "{}", Instant.now(), DeliveryChannel.EMAIL, recipient, 0, 1, null);
        Map<String, Object> model = Map.of("alertId", alertId, "reportId", marker, "disposition", "EMERGENCY",
                "priority", "P1", "redFlags", List.of("NUMBNESS"),
                "reasons", List.of(Map.of("ruleId", "RF-TEST", "disposition", "EMERGENCY",
                        "because", List.of("batch test"), "source", "batch test")),
                "reportLink", "http://triage.test/" + marker, "escalationLevel", 0, "raisedAt", "now");
        return new ChannelSender.Outgoing(task, new Message("Alert " + marker, "clinician-alert", model, null));
    }
}
