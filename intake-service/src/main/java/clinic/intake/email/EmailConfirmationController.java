package clinic.intake.email;

import clinic.intake.web.PageHeaders;
import clinic.support.audit.AuditMarks;
import clinic.support.security.Actor;
import clinic.support.security.Owner;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page a confirmation link opens: {@code GET} shows the address and one button, {@code POST} (with the
 * page's CSRF token) confirms it. Opening the link changes nothing, so a mail scanner that follows links confirms
 * nothing. The patient must be signed in as the person who submitted the report; a link of someone else's looks
 * unknown (404, and the audit trail records the refusal), an old one is gone (410).
 */
@Controller
@Hidden // patient pages, not part of the API description
public class EmailConfirmationController {

    static final String PATH = "/email-confirmations/{token}";

    private final ConfirmedEmails confirmedEmails;

    EmailConfirmationController(ConfirmedEmails confirmedEmails) {
        this.confirmedEmails = confirmedEmails;
    }

    /** The path of the link for a token, relative to intake's public address. */
    public static String path(String token) {
        return "/email-confirmations/" + token;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView show(@PathVariable String token, HttpServletResponse response) {
        return page(token, confirmedEmails.open(token, reader()), response);
    }

    @PostMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView confirm(@PathVariable String token, HttpServletResponse response) {
        return page(token, confirmedEmails.confirm(token, reader()), response);
    }

    private static ModelAndView page(String token, ConfirmedEmails.Link link, HttpServletResponse response) {
        switch (link.state()) {
            case NOT_YOURS -> {
                AuditMarks.deniedObject();
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            case UNKNOWN -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            default -> {
            }
        }
        // the audit row names the report; the token in the path is not a UUID, so it is never recorded
        if (link.reportId() != null) {
            AuditMarks.about(link.reportId());
        }
        PageHeaders.apply(response);
        HttpStatus status = link.state() == ConfirmedEmails.LinkState.EXPIRED ? HttpStatus.GONE : HttpStatus.OK;
        ModelAndView view = new ModelAndView("email-confirmation", status);
        view.addObject("state", link.state().name());
        view.addObject("heading", switch (link.state()) {
            case CONFIRMED -> "Email address confirmed";
            case EXPIRED -> "This link has expired";
            default -> "Confirm your email address";
        });
        view.addObject("email", link.email());
        view.addObject("selfPath", path(token));
        view.addObject("reportPath", link.reportId() == null ? null : "/reports/" + link.reportId());
        return view;
    }

    private static Owner reader() {
        return Owner.of(Actor.current());
    }
}
