package clinic.triage.ruleset;

import clinic.triage.engine.TriageEngine;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RulesetController {

    private final RulesetView view;

    RulesetController(TriageEngine engine) {
        this.view = RulesetView.of(engine.ruleset());
    }

    @GetMapping("/api/v1/ruleset")
    RulesetView ruleset() {
        return view;
    }
}
