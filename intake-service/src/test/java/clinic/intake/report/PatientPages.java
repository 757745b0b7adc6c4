package clinic.intake.report;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The patient pages as a browser logged in through the clinic's OIDC login would see them: MockMvc with
 * the whole security filter chain and an OIDC login ({@code oidcLogin()}: an ID token with this {@code sub}
 * and role), since a real login needs a real issuer (the lead's local-platform browser test covers that).
 */
final class PatientPages {

    private final MockMvc mvc;
    private final RequestPostProcessor login;

    private PatientPages(MockMvc mvc, RequestPostProcessor login) {
        this.mvc = mvc;
        this.login = login;
    }

    static MockMvc mockMvc(WebApplicationContext context) {
        return org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity()).build();
    }

    /** Logged in as {@code subject} with the given clinic role (PATIENT for the pages' real users). */
    static PatientPages as(MockMvc mvc, String subject, String role) {
        return new PatientPages(mvc, oidcLogin()
                .idToken(token -> token.subject(subject).claim("roles", List.of(role)))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role)));
    }

    /** Logged in as {@code subject} with more ID token claims, e.g. an email the issuer has verified. */
    static PatientPages as(MockMvc mvc, String subject, String role, Map<String, Object> claims) {
        return new PatientPages(mvc, oidcLogin()
                .idToken(token -> token.subject(subject).claim("roles", List.of(role)).claims(all -> all.putAll(claims)))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role)));
    }

    static PatientPages anonymous(MockMvc mvc) {
        return new PatientPages(mvc, request -> request);
    }

    PageResponse get(String path) {
        return perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                .accept(MediaType.TEXT_HTML));
    }

    /** Posts the form as the page does, CSRF token included. */
    PageResponse postForm(String body) {
        return perform(formPost(body).with(csrf()));
    }

    /** A post of a page's button (no fields but the CSRF token) to this path. */
    PageResponse postButton(String path) {
        return perform(post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                .with(csrf()));
    }

    PageResponse postButtonWithoutCsrf(String path) {
        return perform(post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML));
    }

    PageResponse postFormWithoutCsrf(String body) {
        return perform(formPost(body));
    }

    private static MockHttpServletRequestBuilder formPost(String body) {
        return post("/reports").contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                .content(body.getBytes(StandardCharsets.UTF_8));
    }

    private PageResponse perform(MockHttpServletRequestBuilder request) {
        try {
            MockHttpServletResponse response = mvc.perform(request.with(login)).andReturn().getResponse();
            return new PageResponse(response.getStatus(), response.getContentAsString(StandardCharsets.UTF_8),
                    response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the browser got. */
    record PageResponse(int statusCode, String body, MockHttpServletResponse response) {

        Optional<String> header(String name) {
            return Optional.ofNullable(response.getHeader(name));
        }

        String contentType() {
            return Optional.ofNullable(response.getContentType()).orElse("");
        }
    }
}
