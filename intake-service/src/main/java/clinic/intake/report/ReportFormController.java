package clinic.intake.report;

import clinic.intake.email.VerifiedEmail;
import clinic.intake.idempotency.IdempotencyKey;
import clinic.intake.idempotency.IdempotencyKeyReused;
import clinic.intake.idempotency.IdempotentRequest;
import clinic.intake.web.PageHeaders;
import clinic.support.security.Actor;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The patient's heel-pain form: {@code GET /} shows it, {@code POST /reports} checks it with the API's
 * rules and either shows it again with each problem next to its question (400) or stores the report
 * and sends the browser to its status page (303, so a reload never submits twice). Each rendered form carries a
 * one-time {@code submissionKey}: posting the same page again (a double click, a resent form) leads to the
 * report the first post stored, never to a second one.
 */
@Controller
@Hidden // patient pages, not part of the API description
class ReportFormController {

    private static final String EMAIL = "patient.email";
    private static final String NAME = "patient.name";

    private final ReportSubmissions submissions;
    private final Validator validator;

    ReportFormController(ReportSubmissions submissions, Validator validator) {
        this.submissions = submissions;
        this.validator = validator;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView form(HttpServletResponse response) {
        PageHeaders.apply(response);
        Optional<String> verified = VerifiedEmail.current();
        FormAnswers withEmail = verified.map(email -> FormAnswers.empty().with(EMAIL, email))
                .orElse(FormAnswers.empty());
        // the name the issuer gives, as a suggestion the patient may change
        FormAnswers answers = SignedInName.current().map(name -> withEmail.with(NAME, name)).orElse(withEmail);
        return formView(answers, Map.of(), HttpStatus.OK, verified.isPresent(), newSubmissionKey());
    }

    @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView submit(@RequestParam MultiValueMap<String, String> parameters, HttpServletResponse response) {
        PageHeaders.apply(response);
        // the page's one-time key: a second post of the same page (double click, resent form) stores nothing more
        Optional<IdempotencyKey> key = IdempotencyKey.fromFormField(parameters.get(IdempotencyKey.FORM_FIELD));
        String submissionKey = key.isPresent() ? parameters.getFirst(IdempotencyKey.FORM_FIELD) : newSubmissionKey();
        // an address the issuer vouches for is the one used, whatever the browser sent (the field is read-only)
        Optional<String> verified = VerifiedEmail.current();
        FormAnswers sent = FormAnswers.of(parameters);
        FormAnswers answers = verified.map(email -> sent.with(EMAIL, email)).orElse(sent);
        ReportFormCheck.Outcome outcome = ReportFormCheck.check(answers, validator);
        if (!outcome.errors().isEmpty()) {
            // nothing was stored: the corrected form keeps its key
            return formView(answers, outcome.errors(), HttpStatus.BAD_REQUEST, verified.isPresent(), submissionKey);
        }
        // the owner is the logged-in patient (the ID token's sub); the same limit as the API's
        Actor patient = Actor.current();
        PatientDetails details = outcome.request().patient();
        Optional<IdempotentRequest> idempotent = ReportSubmissions.keyed(key, details, outcome.request().answers());
        try {
            return toStatusPage(submissions.submit(details, outcome.request().answers(), patient,
                    verified.isPresent(), idempotent, ReportsReceived.Channel.FORM).reportId());
        } catch (IdempotencyKeyReused changedAfterSending) {
            // the page was sent before with other answers (back, edit, send): say so, and let a new key send these
            ModelAndView view = formView(answers, Map.of(), HttpStatus.UNPROCESSABLE_CONTENT, verified.isPresent(),
                    newSubmissionKey());
            view.addObject("alreadySent", ReportPageController.path(changedAfterSending.earlierReportId()));
            return view;
        }
    }

    /** 303, so a reload of the status page never posts the form again. */
    private static ModelAndView toStatusPage(UUID reportId) {
        RedirectView toStatus = new RedirectView(ReportPageController.path(reportId), true);
        toStatus.setStatusCode(HttpStatus.SEE_OTHER);
        toStatus.setExposeModelAttributes(false);
        return new ModelAndView(toStatus);
    }

    /** Random and unguessable: another page's key never matches. */
    private static String newSubmissionKey() {
        return UUID.randomUUID().toString();
    }

    private static ModelAndView formView(FormAnswers answers, Map<String, String> errors, HttpStatus status,
                                         boolean emailVerified, String submissionKey) {
        ModelAndView view = new ModelAndView("form", status);
        view.addObject("emailVerified", emailVerified);
        view.addObject("sections", IntakeQuestions.SECTIONS);
        view.addObject("answers", answers);
        view.addObject("errors", errors);
        view.addObject("submissionKey", submissionKey);
        return view;
    }
}
