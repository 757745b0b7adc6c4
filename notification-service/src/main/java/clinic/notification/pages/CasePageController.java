package clinic.notification.pages;

import io.swagger.v3.oas.annotations.Hidden;
import clinic.notification.alerts.AlertQueue;
import clinic.notification.contacts.CaseFile;
import clinic.notification.contacts.CaseFiles;
import clinic.notification.log.NotificationView;
import clinic.notification.log.ReportLog;
import clinic.notification.reviews.ReviewView;
import clinic.notification.reviews.Reviews;
import clinic.support.security.Actor;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A report's case page ({@code /cases/{reportId}}): who to contact, fetched from intake each time the page opens
 * and never stored here; the answers; the rules' decision; the alert and every notification with its delivery
 * attempts; and the form that closes the review ({@code POST /cases/{reportId}/review}). Every view and every
 * closing is an audit row (AuditedActions).
 */
@Controller
@Hidden // a clinician page, not API
class CasePageController {

    private final Reviews reviews;
    private final ReportLog reportLog;
    private final AlertQueue alerts;
    private final CaseFiles caseFiles;

    CasePageController(Reviews reviews, ReportLog reportLog, AlertQueue alerts, CaseFiles caseFiles) {
        this.reviews = reviews;
        this.reportLog = reportLog;
        this.alerts = alerts;
        this.caseFiles = caseFiles;
    }

    @GetMapping("/cases/{reportId}")
    String casePage(@PathVariable String reportId, Model model, Authentication clinician) {
        show(parse(reportId), ReviewForm.empty(), model, clinician);
        return "case";
    }

    /**
     * Closes the review with the clinician's judgement, then shows the case again (post, redirect, get). A form with
     * mistakes comes back with 400, each mistake at its question and nothing recorded.
     */
    @PostMapping("/cases/{reportId}/review")
    String closeReview(@PathVariable String reportId, @RequestParam(required = false) String disposition,
                       @RequestParam(required = false) String condition, @RequestParam(required = false) String note,
                       Model model, Authentication clinician, HttpServletResponse response) {
        UUID id = parse(reportId);
        ReviewForm form = ReviewForm.check(disposition, condition, note);
        if (!form.valid()) {
            show(id, form, model, clinician);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "case";
        }
        return switch (reviews.close(id, form.chosenDisposition(), form.chosenCondition(), form.note(),
                Actor.of(clinician).id())) {
            case CLOSED -> "redirect:/cases/" + id;
            case ALREADY_CLOSED -> "redirect:/cases/" + id + "?alreadyClosed";
            case UNKNOWN_REPORT -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
    }

    private void show(UUID reportId, ReviewForm form, Model model, Authentication clinician) {
        Optional<ReviewView> review = reviews.find(reportId);
        List<NotificationView> notifications = reportLog.of(reportId);
        if (review.isEmpty() && notifications.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        CaseFile caseFile = null;
        boolean contactUnavailable = false;
        try {
            caseFile = caseFiles.find(reportId).orElse(null);
        } catch (CaseFiles.CaseFileUnavailable unavailable) {
            contactUnavailable = true;
        }
        model.addAttribute("view", new CaseView(reportId, caseFile, contactUnavailable,
                review.map(r -> CaseView.Decision.of(r.decision())).orElse(null),
                alerts.forReport(reportId).orElse(null), notifications, review.orElse(null)));
        model.addAttribute("form", form);
        model.addAttribute("dispositions", ReviewForm.DISPOSITIONS);
        model.addAttribute("conditions", ReviewForm.CONDITIONS);
        model.addAttribute("clinicianId", Actor.of(clinician).id());
    }

    /** A malformed id is an address the pages do not have. */
    private static UUID parse(String reportId) {
        try {
            UUID id = UUID.fromString(reportId);
            if (!id.toString().equals(reportId.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException notAnId) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
