package clinic.notification.delivery;

import java.util.Map;

/**
 * A composed message: the email subject, the mail template ({@code templates/mail/<template>.html} and
 * {@code .txt}) with its model, and the webhook's JSON body (null when the kind never goes to a webhook).
 * The model holds no patient identity, and no email adds one: a name typed into a report is free text, and
 * the clinic's email must not carry anyone's words to an address.
 */
public record Message(String subject, String template, Map<String, Object> model, Object webhookBody) {
}
