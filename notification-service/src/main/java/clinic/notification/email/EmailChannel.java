package clinic.notification.email;

import clinic.notification.NotificationProperties;
import clinic.notification.contacts.PatientContact;
import clinic.notification.contacts.PatientContacts;
import clinic.notification.delivery.ChannelSender;
import clinic.notification.delivery.DeliveryChannel;
import clinic.notification.delivery.DeliveryFailure;
import clinic.notification.delivery.DeliveryTask;
import clinic.notification.delivery.Message;
import clinic.notification.delivery.Recipient;
import clinic.support.tracing.TraceContexts;
import io.micrometer.observation.Observation;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Email over SMTP: a multipart message with plain-text and HTML bodies. The Message-ID is derived from the
 * delivery id (and {@code X-Clinic-Delivery-Id} carries it too), so a resend after a crash can be recognised
 * as the same message. Clinician and escalation addresses come from the configuration; the patient's is
 * looked up from intake (one call per chunk) for this send and dropped afterwards. An address intake does not vouch for gets
 * only the fixed "we received your report" email ({@link UnconfirmedAddressMessages}), never the notice. The
 * dispatcher hands it a chunk of a batch at a time, sent over one SMTP connection ({@link #sendAll}).
 */
@Component
class EmailChannel implements ChannelSender {

    static final String DELIVERY_ID_HEADER = "X-Clinic-Delivery-Id";

    private final JavaMailSender mail;
    private final MailTemplates templates;
    private final PatientContacts contacts;
    private final UnconfirmedAddressMessages unconfirmedAddress;
    private final NotificationProperties properties;
    private final TraceContexts traces;

    EmailChannel(JavaMailSender mail, MailTemplates templates, PatientContacts contacts,
                 UnconfirmedAddressMessages unconfirmedAddress, NotificationProperties properties,
                 TraceContexts traces) {
        this.traces = traces;
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
        DeliveryFailure failure = sendAll(List.of(new Outgoing(task, message))).get(task.deliveryId());
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean sendsBatches() {
        return true;
    }

    /**
     * Sends the messages over ONE SMTP connection ({@link JavaMailSender#send(MimeMessage...)}): a connection (and
     * its greeting and QUIT) per message was most of an email's cost. The server's answer is still read per message:
     * JavaMailSenderImpl lists every message it did not hand over in {@link MailSendException#getFailedMessages()},
     * and each maps to its own delivery exactly as a single send did (transient, named by its root cause), so one
     * refused recipient fails only its own delivery. A message that cannot even be composed fails on its own before
     * the connection opens.
     */
    @Override
    public Map<UUID, DeliveryFailure> sendAll(List<Outgoing> messages) {
        Map<UUID, DeliveryFailure> failures = new HashMap<>();
        // Identity: a MimeMessage is the key JavaMailSenderImpl reports a failure under.
        Map<MimeMessage, UUID> composed = new IdentityHashMap<>();
        List<MimeMessage> batch = new ArrayList<>(messages.size());
        // one lookup for all the patients of this chunk, not one call (and one audit transaction in intake) each
        // (clinicians' and escalation addresses come from the configuration: their chunks ask intake nothing)
        List<Outgoing> toPatients = messages.stream()
                .filter(outgoing -> outgoing.task().recipient() == Recipient.PATIENT).toList();
        PatientContacts.Found patients = toPatients.isEmpty() ? PatientContacts.Found.NONE
                : lookUp(toPatients);
        Map<UUID, Outgoing> byDelivery = new HashMap<>();
        for (Outgoing outgoing : messages) {
            UUID deliveryId = outgoing.task().deliveryId();
            byDelivery.put(deliveryId, outgoing);
            try {
                MimeMessage mime = mime(outgoing.task(), outgoing.message(), patients);
                composed.put(mime, deliveryId);
                batch.add(mime);
            } catch (DeliveryFailure failure) {
                failures.put(deliveryId, failure);
            } catch (RuntimeException e) {
                // A bug or an unforeseen library failure: retried, never dropped (as the dispatcher did).
                failures.put(deliveryId, DeliveryFailure.transientFailure(e.getClass().getName(), null));
            }
        }
        if (batch.isEmpty()) {
            return failures;
        }
        // one SMTP client span per message, in its own delivery's trace, for as long as the shared connection takes
        Map<UUID, Observation> smtp = new HashMap<>();
        composed.values().forEach(id -> smtp.put(id,
                traces.client("clinic.mail.send", "smtp send", "smtp", byDelivery.get(id).trace()).start()));
        try {
            transmit(batch, composed, failures);
        } finally {
            smtp.forEach((id, observation) -> observation
                    .lowCardinalityKeyValue("outcome", failures.containsKey(id) ? "FAILED" : "SENT").stop());
        }
        return failures;
    }

    /**
     * The contacts of a chunk's patients in one call; traced in the first message's delivery (the call serves the
     * whole chunk, and a span has one parent).
     */
    private PatientContacts.Found lookUp(List<Outgoing> toPatients) {
        List<UUID> reports = toPatients.stream().map(outgoing -> outgoing.task().reportId()).toList();
        try (Observation.Scope scope = toPatients.get(0).trace().openScope()) {
            return contacts.lookupAll(reports);
        }
    }

    /** Sends the batch over one connection and adds each message that was not accepted to {@code failures}. */
    private void transmit(List<MimeMessage> batch, Map<MimeMessage, UUID> composed,
                          Map<UUID, DeliveryFailure> failures) {
        try {
            mail.send(batch.toArray(MimeMessage[]::new));
        } catch (MailAuthenticationException e) {
            // The server refused the login: no message of this batch was sent, and none will be on a retry.
            composed.values().forEach(id -> failures.put(id, DeliveryFailure.permanent(e.getClass().getName(), null)));
        } catch (MailSendException e) {
            if (e.getFailedMessages().isEmpty()) {
                // Closing the connection failed: retried as a single send was (receivers dedupe by Message-ID).
                String errorClass = rootClass(e);
                composed.values().forEach(id -> failures.put(id, DeliveryFailure.transientFailure(errorClass, null)));
            } else {
                // Server down, connection refused or dropped, recipient refused for now: worth another try.
                e.getFailedMessages().forEach((message, failure) -> {
                    UUID id = composed.get(message);
                    if (id != null) {
                        failures.put(id, DeliveryFailure.transientFailure(rootClass(failure), null));
                    }
                });
            }
        } catch (MailException e) {
            composed.values().forEach(id -> failures.put(id, DeliveryFailure.permanent(e.getClass().getName(), null)));
        }
    }

    /** The recipient's address is resolved here, per message; the patient's is used for this one send only. */
    private MimeMessage mime(DeliveryTask task, Message message, PatientContacts.Found patients)
            throws DeliveryFailure {
        return switch (task.recipient()) {
            case CLINICIAN -> compose(task, message, properties.email().clinicianTo());
            case ESCALATION -> compose(task, message, properties.escalation().emailTo());
            case PATIENT -> {
                PatientContact contact = patients.of(task.reportId());
                // Decided at every attempt: the patient may have confirmed the address since the last one.
                yield compose(task, contact.emailConfirmed() ? message : unconfirmedAddress.compose(task, contact),
                        contact.email());
            }
        };
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
        return root.getClass().getName();
    }
}
