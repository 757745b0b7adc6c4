package clinic.triage.cds;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The CDS Hooks side of triage ({@code clinic.cds.*}).
 *
 * @param publicBaseUrl      where EHRs reach this service; the {@code aud} an EHR's JWT must carry is this plus
 *                           the service's path, so behind a proxy it must be the proxy's address
 * @param clients            the EHRs we trust: each issuer with the JWKS its tokens are checked against. A token's
 *                           own {@code jku} header is never followed
 * @param tokenMaxLifetime   the longest {@code exp - iat} accepted (CDS Hooks: a short-lived token, 5 minutes)
 * @param clockSkew          how far the EHR's clock may be off ours
 * @param commentMaxLength   the longest free-text override comment we store
 */
@ConfigurationProperties("clinic.cds")
public record CdsProperties(
        @DefaultValue("http://localhost:8082") URI publicBaseUrl,
        @DefaultValue List<TrustedClient> clients,
        @DefaultValue("5m") Duration tokenMaxLifetime,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("500") int commentMaxLength) {

    /** One trusted EHR: the {@code iss} of its tokens and the JWKS holding its signing keys. */
    public record TrustedClient(String issuer, URI jwksUri) {
    }

    /** The absolute URL of a CDS service of ours: its tokens' audience. */
    public String serviceUrl(String serviceId) {
        return publicUrl(CdsPaths.SERVICES + "/" + serviceId);
    }

    /** The public address of a path of this service, e.g. the ruleset page a card's source links to. */
    public String publicUrl(String path) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
