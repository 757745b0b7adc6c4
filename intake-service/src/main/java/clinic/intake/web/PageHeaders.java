package clinic.intake.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers of every patient page. The pages hold health information and the status page's address is
 * the only key to it: nothing is cached, the address never leaks through a Referer header, and only
 * this site's own style sheet may load (the pages use no scripts at all).
 */
public final class PageHeaders {

    /** Only this site's style sheet; no scripts, no framing (clickjacking), forms post back here only. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private PageHeaders() {
    }

    public static void apply(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
}
