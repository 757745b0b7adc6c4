package clinic.intake.report;

import clinic.intake.email.VerifiedEmail;
import clinic.intake.ratelimit.SubmissionRateLimiter;
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

/**
 * The patient's heel-pain form: {@code GET /} shows it, {@code POST /reports} checks it with the API's
 * rules and either shows it again with each problem next to its question (400) or stores the report
 * and sends the browser to its status page (303, so a reload never submits twice).
 */
@Controller
@Hidden // patient pages, not part of the API description
class ReportFormController {

    private static final String EMAIL = "patient.email";

    private final SymptomReportService reports;
    private final Validator validator;
    private final SubmissionRateLimiter rateLimiter;

    ReportFormController(SymptomReportService reports, Validator validator, SubmissionRateLimiter rateLimiter) {
        this.reports = reports;
        this.validator = validator;
        this.rateLimiter = rateLimiter;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView form(HttpServletResponse response) {
        PageHeaders.apply(response);
        Optional<String> verified = VerifiedEmail.current();
        FormAnswers answers = verified.map(email -> FormAnswers.empty().with(EMAIL, email)).orElse(FormAnswers.empty());
        return formView(answers, Map.of(), HttpStatus.OK, verified.isPresent());
    }

    @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView submit(@RequestParam MultiValueMap<String, String> parameters, HttpServletResponse response) {
        PageHeaders.apply(response);
        // an address the issuer vouches for is the one used, whatever the browser sent (the field is read-only)
        Optional<String> verified = VerifiedEmail.current();
        FormAnswers sent = FormAnswers.of(parameters);
        FormAnswers answers = verified.map(email -> sent.with(EMAIL, email)).orElse(sent);
        ReportFormCheck.Outcome outcome = ReportFormCheck.check(answers, validator);
        if (!outcome.errors().isEmpty()) {
            return formView(answers, outcome.errors(), HttpStatus.BAD_REQUEST, verified.isPresent());
        }
        // the owner is the logged-in patient (the ID token's sub); the same limit as the API's
        Actor patient = Actor.current();
        rateLimiter.acquire(patient);
        ReportStatusView report = reports.submit(outcome.request().patient(), outcome.request().answers(), patient,
                verified.isPresent());
        RedirectView toStatus = new RedirectView(ReportPageController.path(report.reportId()), true);
        toStatus.setStatusCode(HttpStatus.SEE_OTHER);
        toStatus.setExposeModelAttributes(false);
        return new ModelAndView(toStatus);
    }

    private static ModelAndView formView(FormAnswers answers, Map<String, String> errors, HttpStatus status,
                                         boolean emailVerified) {
        ModelAndView view = new ModelAndView("form", status);
        view.addObject("emailVerified", emailVerified);
        view.addObject("sections", IntakeQuestions.SECTIONS);
        view.addObject("answers", answers);
        view.addObject("errors", errors);
        return view;
    }
}
