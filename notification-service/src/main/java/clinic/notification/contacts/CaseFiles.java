package clinic.notification.contacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

import java.util.Optional;
import java.util.UUID;

/**
 * Fetches a report's case file from intake when a clinician opens its case page:
 * {@code GET /internal/v1/cases/{reportId}} (scope {@code cases:read}). One try: the clinician is waiting, and
 * reloading the page is the retry. Nothing is kept.
 */
@Component
public class CaseFiles {

    static final String PATH = "/internal/v1/cases/{reportId}";

    private static final Logger log = LoggerFactory.getLogger(CaseFiles.class);

    private final IntakeClient intake;
    private final OAuth2AuthorizedClientService authorizedClients;

    CaseFiles(IntakeClient intake, OAuth2AuthorizedClientService authorizedClients) {
        this.intake = intake;
        this.authorizedClients = authorizedClients;
    }

    /**
     * The case file, or empty when intake does not know the report.
     *
     * @throws CaseFileUnavailable when intake or the issuer could not be asked, or refused
     */
    public Optional<CaseFile> find(UUID reportId) {
        try {
            return Optional.ofNullable(intake.rest().get().uri(PATH, reportId).retrieve().body(CaseFile.class));
        } catch (HttpClientErrorException.NotFound unknown) {
            return Optional.empty();
        } catch (HttpClientErrorException.Unauthorized refused) {
            authorizedClients.removeAuthorizedClient(ContactClientConfig.REGISTRATION, IntakeClient.SERVICE.getName());
            throw unavailable(reportId, refused);
        } catch (RestClientException | org.springframework.security.oauth2.core.OAuth2AuthorizationException e) {
            throw unavailable(reportId, e);
        }
    }

    private static CaseFileUnavailable unavailable(UUID reportId, Exception cause) {
        // the class only: a message can quote the URL or the response
        String errorClass = cause.getClass().getName();
        log.warn("Case file of report {} not available from intake ({})", reportId, errorClass);
        return new CaseFileUnavailable();
    }

    /** Intake or the issuer could not be asked, or refused: the page says so and a reload tries again. */
    public static final class CaseFileUnavailable extends RuntimeException {

        CaseFileUnavailable() {
            super("case file not available", null, false, false);
        }
    }
}
