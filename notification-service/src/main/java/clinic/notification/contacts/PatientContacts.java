package clinic.notification.contacts;

import clinic.notification.NotificationProperties;
import clinic.notification.delivery.DeliveryFailure;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpTimeoutException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Looks patients' contacts up from intake-service at send time, a batch's reports in one call:
 * {@code POST {clinic.notification.intake.base-url}/internal/v1/patient-contacts/lookups} with a
 * client-credentials bearer token (registration {@code patientcontacts}, scope {@code patients:contact}).
 * Short timeouts and a couple of quick retries within the call (a restarting intake instance); beyond that
 * the delivery dispatcher's back-off takes over. A 404 (unknown report) and other 4xx are permanent, except:
 * no token (issuer down), 401 (token refused: the cached one is dropped, the next attempt gets a new one) and
 * 403 (a scope misconfiguration someone can fix) are transient.
 */
@Component
public class PatientContacts {

    static final String LOOKUPS = "/internal/v1/patient-contacts/lookups";
    /** Intake's limit per lookup; a delivery batch is no larger, so this only guards a bigger configuration. */
    static final int MAX_PER_CALL = 100;

    private static final Logger log = LoggerFactory.getLogger(PatientContacts.class);

    private final RestClient client;
    private final RetryTemplate retry;
    private final JsonMapper json;
    private final OAuth2AuthorizedClientService authorizedClients;

    PatientContacts(NotificationProperties properties, JsonMapper json, IntakeClient intake,
                    OAuth2AuthorizedClientService authorizedClients) {
        this.client = intake.rest();
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(properties.intake().retries())
                .delay(properties.intake().retryDelay())
                // 4xx and a refused token request will not change within a few hundred milliseconds
                .predicate(e -> !(e instanceof HttpClientErrorException) && !(e instanceof OAuth2AuthorizationException))
                .build());
        this.json = json;
        this.authorizedClients = authorizedClients;
    }

    /**
     * The contacts of these reports' patients, asked of intake in one call per {@value #MAX_PER_CALL} reports
     * ({@code POST /internal/v1/patient-contacts/lookups}). A failure of the call is every report's failure; a report
     * intake does not know fails permanently, as its 404 did when each report was asked for alone.
     */
    public Found lookupAll(Collection<UUID> reportIds) {
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(reportIds));
        Map<UUID, PatientContact> found = new HashMap<>();
        Map<UUID, DeliveryFailure> failed = new HashMap<>();
        for (int from = 0; from < ids.size(); from += MAX_PER_CALL) {
            List<UUID> chunk = ids.subList(from, Math.min(from + MAX_PER_CALL, ids.size()));
            ask(chunk, found, failed);
        }
        return new Found(found, failed);
    }

    private void ask(List<UUID> ids, Map<UUID, PatientContact> found, Map<UUID, DeliveryFailure> failed) {
        String request = json.writeValueAsString(Map.of("reportIds", ids));
        String body;
        try {
            body = retry.execute(() -> client.post().uri(LOOKUPS).contentType(MediaType.APPLICATION_JSON)
                    .body(request).retrieve().body(String.class));
        } catch (RetryException e) {
            DeliveryFailure failure = failure(ids.size(), e.getCause() == null ? e : e.getCause());
            ids.forEach(id -> failed.put(id, failure));
            return;
        }
        Answer answer;
        try {
            answer = json.readValue(body, Answer.class);
        } catch (RuntimeException e) {
            answer = null;
        }
        if (answer == null || answer.contacts() == null) {
            DeliveryFailure unreadable = DeliveryFailure.transientFailure("PatientContactUnreadable", null);
            ids.forEach(id -> failed.put(id, unreadable));
            return;
        }
        Set<UUID> unknown = answer.unknownReportIds() == null ? Set.of() : Set.copyOf(answer.unknownReportIds());
        Map<UUID, PatientContact> answered = new HashMap<>();
        answer.contacts().stream().filter(contact -> contact != null && contact.reportId() != null)
                .forEach(contact -> answered.put(contact.reportId(), contact));
        for (UUID id : ids) {
            PatientContact contact = answered.get(id);
            if (contact != null && contact.email() != null && !contact.email().isBlank()) {
                found.put(id, contact);
            } else if (contact != null) {
                failed.put(id, DeliveryFailure.permanent("PatientContactWithoutEmail", null));
            } else if (unknown.contains(id)) {
                failed.put(id, DeliveryFailure.permanent("PatientContactNotFound", null));
            } else {
                // intake left it out of its answer: a bug or an older intake; worth another try, never dropped
                failed.put(id, DeliveryFailure.transientFailure("PatientContactNotAnswered", null));
            }
        }
    }

    /** What a lookup of several reports found: each report either has a contact or a reason it has none. */
    public record Found(Map<UUID, PatientContact> contacts, Map<UUID, DeliveryFailure> failures) {

        /** Nobody was asked for. */
        public static final Found NONE = new Found(Map.of(), Map.of());

        /** This report's contact, or the reason there is none (a report that was not asked for is a bug). */
        public PatientContact of(UUID reportId) throws DeliveryFailure {
            PatientContact contact = contacts.get(reportId);
            if (contact != null) {
                return contact;
            }
            DeliveryFailure failure = failures.get(reportId);
            throw failure != null ? failure : DeliveryFailure.transientFailure("PatientContactNotAsked", null);
        }
    }

    /** Intake's answer; unknown properties ignored, as for a single contact. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(List<PatientContact> contacts, List<UUID> unknownReportIds) {
    }

    private DeliveryFailure failure(int reports, Throwable cause) {
        if (cause instanceof OAuth2AuthorizationException) {
            // token endpoint down, 5xx or refusing us: no cause attached, its message can quote the response
            return DeliveryFailure.transientFailure("PatientContactTokenUnavailable", null);
        }
        if (cause instanceof HttpClientErrorException.Unauthorized) {
            authorizedClients.removeAuthorizedClient(ContactClientConfig.REGISTRATION, IntakeClient.SERVICE.getName());
            return DeliveryFailure.transientFailure("PatientContactHttp401", null);
        }
        if (cause instanceof HttpClientErrorException.Forbidden) {
            log.error("Intake refused the contact lookup of {} report(s) (403): does client registration {} have "
                    + "scope patients:contact?", reports, ContactClientConfig.REGISTRATION);
            return DeliveryFailure.transientFailure("PatientContactHttp403", null);
        }
        if (cause instanceof HttpClientErrorException.NotFound) {
            return DeliveryFailure.permanent("PatientContactNotFound", null);
        }
        if (cause instanceof HttpClientErrorException clientError) {
            return DeliveryFailure.permanent("PatientContactHttp" + clientError.getStatusCode().value(), null);
        }
        if (cause instanceof ResourceAccessException access && access.getCause() instanceof HttpTimeoutException) {
            return DeliveryFailure.timeout("PatientContactTimeout", null);
        }
        // No cause attached: exception messages here can quote the URL and response body.
        return DeliveryFailure.transientFailure("PatientContact" + cause.getClass().getSimpleName(), null);
    }
}
