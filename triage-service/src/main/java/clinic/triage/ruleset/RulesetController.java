package clinic.triage.ruleset;

import clinic.triage.engine.TriageEngine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Ruleset", description = "The triage rules in force")
class RulesetController {

    private final RulesetView view;

    RulesetController(TriageEngine engine) {
        this.view = RulesetView.of(engine.ruleset());
    }

    @GetMapping("/api/v1/ruleset")
    @Operation(summary = "The ruleset in force", description = "Its version, hash and rules, for clinicians and "
            + "operations to check which rules decided a report.")
    @ApiResponse(responseCode = "200", description = "The ruleset")
    RulesetView ruleset() {
        return view;
    }
}
