package clinic.support.pages;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers of every page of a clinic site, patient or clinician. The pages hold health information: nothing is
 * cached, an address never leaks through a Referer header, and the content security policy is the site's own
 * (see each site's policy constant: the patient pages run no script, the clinician pages only their own).
 */
public final class PageHeaders {

    private PageHeaders() {
    }

    public static void apply(HttpServletResponse response, String contentSecurityPolicy) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    }
}
