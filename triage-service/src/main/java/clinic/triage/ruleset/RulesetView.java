package clinic.triage.ruleset;

import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.triage.engine.FailSafe;
import clinic.triage.engine.Rule;
import clinic.triage.engine.Ruleset;

import java.util.ArrayList;
import java.util.List;

/** The active ruleset as a clinician reads it: every rule with its condition, reason and source. */
record RulesetView(String id, String version, String hash, String decision, List<RuleView> rules,
                   LikelyConditionsView likelyConditions) {

    record RuleView(String id, String kind, String flag, Disposition disposition, String when, List<String> reads,
                    String reason, String source) {
    }

    record LikelyConditionsView(String about, List<SignView> signs, List<Condition> tieBreak) {
    }

    record SignView(Condition condition, int points, String when, String evidence) {
    }

    static RulesetView of(Ruleset ruleset) {
        List<RuleView> rules = new ArrayList<>();
        for (Rule rule : ruleset.rules()) {
            rules.add(new RuleView(rule.id(), rule.kind().label(), rule.flag(), rule.disposition(), rule.condition(),
                    rule.reads(), rule.reason(), rule.source()));
        }
        rules.add(new RuleView(FailSafe.RULE_ID, "fail-safe", "FAIL_SAFE", FailSafe.DISPOSITION, FailSafe.WHEN,
                List.of(), FailSafe.REASON, FailSafe.SOURCE));
        List<SignView> signs = ruleset.signs().stream()
                .map(sign -> new SignView(sign.condition(), sign.points(), sign.when().describe(), sign.evidence()))
                .toList();
        return new RulesetView(ruleset.id(), ruleset.version(), ruleset.hash(),
                "Every rule whose condition holds fires and proposes its disposition; the most urgent proposal"
                        + " wins (EMERGENCY, then URGENT_REVIEW, then ROUTINE_REVIEW); when no rule fires the"
                        + " disposition is SELF_CARE.",
                rules,
                new LikelyConditionsView("Each condition scores the sum of the points of its signs that hold"
                        + " (negative points count against it). The ranking is a transparent score, not a"
                        + " diagnosis.", signs, ruleset.tieBreak()));
    }
}
