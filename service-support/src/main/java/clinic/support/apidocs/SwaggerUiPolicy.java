package clinic.support.apidocs;

/**
 * The content security policy of the API documents and the Swagger UI. The Swagger UI's pages load their scripts
 * and style sheets from this service (no inline script, no eval); React sets inline styles, so styles may be
 * inline. Its only cross-origin request is the token request of a login, to the issuer. Nothing may frame it.
 */
final class SwaggerUiPolicy {

    private SwaggerUiPolicy() {
    }

    /** @param issuerOrigin where the token endpoint is, {@code scheme://host[:port]}; null for none */
    static String contentSecurityPolicy(String issuerOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'" + (issuerOrigin == null ? "" : " " + issuerOrigin) + "; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }
}
