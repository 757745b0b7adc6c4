package clinic.local;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser on one of the platform's sites (the patient pages of intake, the clinician pages of notification),
 * over plain HTTP: it keeps cookies and follows redirects one at a time, so it walks the real login (the site's
 * oauth2Login to the local issuer's form and back, code + PKCE) and then posts forms with the CSRF token the page
 * carries. The Selenium tests do the same in chromium; this one is cheap enough for the canary and security checks.
 */
final class PageBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final PlatformSettings settings;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String formCsrf;

    private PageBrowser(PlatformSettings settings) {
        this.settings = settings;
    }

    /** Opens the form page, logs in at the issuer as {@code username} (password = user name) and lands on the form. */
    static PageBrowser login(PlatformSettings settings, String username) {
        return loginAt(settings, settings.intakeBaseUrl(), username);
    }

    /** Opens a site's first page ({@code site} + "/"), logs in there as {@code username} and lands back on it. */
    static PageBrowser loginAt(PlatformSettings settings, String site, String username) {
        PageBrowser browser = new PageBrowser(settings);
        HttpResponse<String> landed = browser.follow(URI.create(site + "/"));
        if (landed.uri().getPath().equals("/login") && landed.uri().getPort() == settings.authPort()) {
            String csrf = csrfOf(landed.body(), "issuer login form");
            HttpResponse<String> afterLogin = browser.post(landed.uri(), "username=" + encode(username)
                    + "&password=" + encode(username) + "&_csrf=" + encode(csrf), "");
            landed = browser.followFrom(afterLogin);
        }
        if (landed.statusCode() != 200 || !landed.uri().toString().startsWith(site)) {
            throw new AssertionError("login as " + username + " ended at " + landed.uri() + " with " + landed.statusCode());
        }
        browser.formCsrf = csrfOf(landed.body(), site + " first page");
        return browser;
    }

    /** Posts the intake form (URL-encoded answers) with the page's CSRF token; redirects are not followed. */
    HttpResponse<String> submitForm(String formBody) {
        return post(URI.create(settings.intakeBaseUrl() + "/reports"), formBody, "&_csrf=" + encode(formCsrf));
    }

    /** Posts the form without a CSRF token, as a forged cross-site request would. */
    HttpResponse<String> submitFormWithoutCsrf(String formBody) {
        return post(URI.create(settings.intakeBaseUrl() + "/reports"), formBody, "");
    }

    HttpResponse<String> statusPage(UUID reportId) {
        return get(URI.create(settings.intakeBaseUrl() + "/reports/" + reportId));
    }

    /** Opens a page of the platform by its full address, as a click on a link in an email does. */
    HttpResponse<String> open(String address) {
        return get(URI.create(address));
    }

    /** Opens a page and presses its one form's button: a post with the page's own CSRF token. */
    HttpResponse<String> pressButtonOn(String address) {
        HttpResponse<String> page = open(address);
        return post(URI.create(address), "_csrf=" + encode(csrfOf(page.body(), address)), "");
    }

    private HttpResponse<String> follow(URI start) {
        return followFrom(get(start));
    }

    private HttpResponse<String> followFrom(HttpResponse<String> response) {
        for (int hop = 0; hop < 12 && response.statusCode() / 100 == 3; hop++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = get(next);
        }
        return response;
    }

    private HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build());
    }

    private HttpResponse<String> post(URI uri, String body, String suffix) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body + suffix)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String csrfOf(String html, String where) {
        Matcher csrf = CSRF.matcher(html);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token in the " + where);
        }
        return csrf.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
