package clinic.intake.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The patient pages' headers (service-support's {@link clinic.support.pages.PageHeaders}) with their policy: the
 * pages run no script at all, so only this site's own style sheet and images may load.
 */
public final class PageHeaders {

    /** Only this site's style sheet; no scripts, no framing (clickjacking), forms post back here only. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private PageHeaders() {
    }

    public static void apply(HttpServletResponse response) {
        clinic.support.pages.PageHeaders.apply(response, CONTENT_SECURITY_POLICY);
    }
}
