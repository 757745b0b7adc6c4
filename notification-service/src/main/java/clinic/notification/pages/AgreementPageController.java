package clinic.notification.pages;

import io.swagger.v3.oas.annotations.Hidden;
import clinic.notification.reviews.Reviews;
import clinic.support.security.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The agreement page ({@code /agreement}): the rules against the clinicians' closed reviews, per ruleset version. */
@Controller
@Hidden // a clinician page, not API
class AgreementPageController {

    private final Reviews reviews;

    AgreementPageController(Reviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/agreement")
    String agreement(Model model, Authentication clinician) {
        model.addAttribute("versions", Agreement.of(reviews.closed()));
        model.addAttribute("columns", Agreement.COLUMNS);
        model.addAttribute("clinicianId", Actor.of(clinician).id());
        return "agreement";
    }
}
