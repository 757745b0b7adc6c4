package clinic.notification.email;

import clinic.notification.NotificationProperties;
import clinic.notification.contacts.PatientContact;
import clinic.notification.contacts.PatientContacts;
import clinic.notification.delivery.ChannelSender;
import clinic.notification.delivery.DeliveryChannel;
import clinic.notification.delivery.DeliveryFailure;
import clinic.notification.delivery.DeliveryTask;
import clinic.notification.delivery.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Email over SMTP: a multipart message with plain-text and HTML bodies. The Message-ID is derived from the
 * delivery id (and {@code X-Clinic-Delivery-Id} carries it too), so a resend after a crash can be recognised
 * as the same message. Clinician and escalation addresses come from the configuration; the patient's is
 * looked up from intake for this one send and dropped afterwards. An address intake does not vouch for gets
 * only the fixed "we received your report" email ({@link UnconfirmedAddressMessages}), never the notice.
 */
@Component
class EmailChannel implements ChannelSender {

    static final String DELIVERY_ID_HEADER = "X-Clinic-Delivery-Id";

    private final JavaMailSender mail;
    private final MailTemplates templates;
    private final PatientContacts contacts;
    private final UnconfirmedAddressMessages unconfirmedAddress;
    private final NotificationProperties properties;

    EmailChannel(JavaMailSender mail, MailTemplates templates, PatientContacts contacts,
                 UnconfirmedAddressMessages unconfirmedAddress, NotificationProperties properties) {
        this.mail = mail;
        this.templates = templates;
        this.contacts = contacts;
        this.unconfirmedAddress = unconfirmedAddress;
        this.properties = properties;
    }

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.EMAIL;
    }

    @Override
    public void send(DeliveryTask task, Message message) throws DeliveryFailure {
        switch (task.recipient()) {
            case CLINICIAN -> deliver(task, message, properties.email().clinicianTo());
            case ESCALATION -> deliver(task, message, properties.escalation().emailTo());
            case PATIENT -> {
                PatientContact contact = contacts.lookup(task.reportId());
                // Decided at every attempt: the patient may have confirmed the address since the last one.
                deliver(task, contact.emailConfirmed() ? message : unconfirmedAddress.compose(task, contact),
                        contact.email());
            }
        }
    }

    private void deliver(DeliveryTask task, Message message, String to) throws DeliveryFailure {
        MimeMessage mime = compose(task, message, to);
        try {
            mail.send(mime);
        } catch (MailAuthenticationException e) {
            throw DeliveryFailure.permanent(e.getClass().getName(), null);
        } catch (MailSendException e) {
            // Server down, connection refused or dropped, recipient refused for now: worth another try.
            throw DeliveryFailure.transientFailure(rootClass(e), null);
        } catch (MailException e) {
            throw DeliveryFailure.permanent(e.getClass().getName(), null);
        }
    }

    private MimeMessage compose(DeliveryTask task, Message message, String to) throws DeliveryFailure {
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(properties.email().from());
            helper.setTo(to);
            helper.setSubject(message.subject());
            helper.setText(templates.text(message.template(), message.model()),
                    templates.html(message.template(), message.model()));
            // Kept by JavaMailSenderImpl when set before sending.
            mime.setHeader("Message-ID", "<" + task.deliveryId() + "@notification.clinic.local>");
            mime.setHeader(DELIVERY_ID_HEADER, task.deliveryId().toString());
            return mime;
        } catch (MessagingException | RuntimeException e) {
            // A bad address or a template error: the same input fails the same way next time.
            throw DeliveryFailure.permanent(e.getClass().getName(), null);
        }
    }

    private static String rootClass(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof MailSendException send && send.getFailedMessages().size() > 0) {
            Throwable failure = send.getFailedMessages().values().iterator().next();
            while (failure.getCause() != null && failure.getCause() != failure) {
                failure = failure.getCause();
            }
            root = failure;
        }
        return root.getClass().getName();
    }
}
