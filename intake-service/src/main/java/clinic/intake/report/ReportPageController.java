package clinic.intake.report;

import clinic.intake.web.PageHeaders;
import clinic.support.security.Actor;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.time.Duration;
import java.util.UUID;

/**
 * The patient's report pages: the list of their own reports ({@code /reports}) and a report's status page. While the report waits for triage the page reloads itself (a meta
 * refresh, no scripts); {@code ?refresh=off} stops that for anyone who needs the page to hold still.
 * An unknown or malformed id is a 404 page that reveals nothing.
 */
@Controller
@Hidden // patient pages, not part of the API description
class ReportPageController {

    /** A patient with more reports than this sees the newest ones; each report's page stays at its address. */
    static final int MY_REPORTS_SHOWN = 50;

    private final SymptomReportService reports;
    private final int refreshSeconds;

    ReportPageController(SymptomReportService reports,
            @Value("${clinic.pages.status-refresh:5s}") Duration refresh) {
        this.reports = reports;
        this.refreshSeconds = (int) Math.max(1, refresh.toSeconds());
    }

    static String path(UUID reportId) {
        return "/reports/" + reportId;
    }

    /** "My reports": the signed-in patient's own reports, newest first, each with its status and a link to it. */
    @GetMapping(path = "/reports", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView mine(HttpServletResponse response) {
        PageHeaders.apply(response);
        ModelAndView view = new ModelAndView("reports");
        view.addObject("reports", reports.ownedBy(Actor.current(), MY_REPORTS_SHOWN));
        view.addObject("shown", MY_REPORTS_SHOWN);
        return view;
    }

    @GetMapping(path = "/reports/{reportId}", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView status(@PathVariable String reportId,
            @RequestParam(name = "refresh", required = false) String refresh, HttpServletResponse response) {
        Actor reader = Actor.current();
        ReportPage page = ReportIds.parse(reportId).flatMap(id -> reports.page(id, reader))
                .orElseThrow(ReportNotFoundException::new);
        PageHeaders.apply(response);
        ModelAndView view = new ModelAndView("report");
        view.addObject("report", page);
        view.addObject("autoRefresh", page.received() && !"off".equals(refresh));
        view.addObject("refreshSeconds", refreshSeconds);
        view.addObject("selfPath", path(page.reportId()));
        return view;
    }
}
