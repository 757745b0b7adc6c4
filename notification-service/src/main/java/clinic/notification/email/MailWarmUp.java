package clinic.notification.email;

import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pays the one-off costs of the first email before a clinician needs it: parsing the templates, starting the
 * template expression language, loading Jakarta Mail and opening one SMTP session (nothing is sent). Without
 * this, the first alert after a start reached the mailbox about a second later than the following ones
 * (measured with {@code clinic.bench.AlertLatencyProbe}). Runs on a thread of its own, so readiness never
 * waits for it, and a mail server that is down only means the warm-up is skipped.
 */
@Component
class MailWarmUp {

    private static final Logger log = LoggerFactory.getLogger(MailWarmUp.class);

    private final MailTemplates templates;
    private final JavaMailSender mail;

    MailWarmUp(MailTemplates templates, JavaMailSender mail) {
        this.templates = templates;
        this.mail = mail;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUpInBackground() {
        Thread thread = new Thread(this::warmUp, "mail-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether everything was warmed up, the SMTP session included */
    boolean warmUp() {
        try {
            render("clinician-alert", sampleAlert());
            render("patient-notice", samplePatientNotice());
            render(UnconfirmedAddressMessages.TEMPLATE, Map.of("statusLink", "http://localhost/warm-up"));
            if (mail instanceof JavaMailSenderImpl smtp) {
                smtp.testConnection();
            }
            log.debug("Mail templates and SMTP session warmed up");
            return true;
        } catch (MessagingException | RuntimeException e) {
            log.info("Mail warm-up skipped ({}); the first email will take a little longer", e.getClass().getName());
            return false;
        }
    }

    private void render(String template, Map<String, Object> model) throws MessagingException {
        MimeMessageHelper helper = new MimeMessageHelper(mail.createMimeMessage(),
                MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, StandardCharsets.UTF_8.name());
        helper.setText(templates.text(template, model), templates.html(template, model));
    }

    /** The same keys {@code AlertMessages} fills, with made-up values. */
    private static Map<String, Object> sampleAlert() {
        return Map.of("alertId", UUID.randomUUID(), "reportId", UUID.randomUUID(), "disposition", "URGENT_REVIEW",
                "priority", "P2", "redFlags", List.of("NUMBNESS"),
                "reasons", List.of(Map.of("ruleId", "warm-up", "disposition", "URGENT_REVIEW",
                        "because", List.of("warm-up"), "source", "warm-up")),
                "reportLink", "http://localhost/warm-up", "escalationLevel", 0, "raisedAt", "warm-up");
    }

    /** The keys {@code PatientNoticeMessages} fills, without a plan. */
    private static Map<String, Object> samplePatientNotice() {
        return Map.of("headline", "warm-up", "message", "warm-up");
    }
}
