package clinic.triage.ruleset;

import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.triage.engine.FailSafe;
import clinic.triage.engine.Rule;
import clinic.triage.engine.Ruleset;

import java.util.ArrayList;
import java.util.List;

/**
 * The active ruleset as a clinician reads it: how a decision is made, the dispositions, every rule with its
 * condition, reason and source, the likely-condition signs, and the answers the rules accept. Served by
 * {@code GET /api/v1/ruleset} and rendered as {@code docs/triage-rules.md} by {@link RulesetMarkdown}, so the
 * two always say the same.
 */
record RulesetView(String id, String version, String hash, String decision, List<DispositionView> dispositions,
                   List<RuleView> rules, LikelyConditionsView likelyConditions, List<AnswerView> answers) {

    record DispositionView(Disposition disposition, String meaning, String clinicianEvent) {
    }

    record RuleView(String id, String kind, String flag, Disposition disposition, String when, List<String> reads,
                    String reason, String source) {
    }

    record LikelyConditionsView(String about, List<SignView> signs, List<Condition> tieBreak) {
    }

    record SignView(Condition condition, int points, String when, String evidence) {
    }

    record AnswerView(String name, String allowed) {
    }

    static final String DECISION = "Every rule whose condition holds fires and proposes its disposition; the most"
            + " urgent proposal wins (EMERGENCY, then URGENT_REVIEW, then ROUTINE_REVIEW); when no rule fires the"
            + " disposition is SELF_CARE. A report the rules cannot classify goes to URGENT_REVIEW through the"
            + " FAIL-SAFE rule, never to SELF_CARE.";

    static final List<DispositionView> DISPOSITIONS = List.of(
            new DispositionView(Disposition.EMERGENCY, "Go to emergency care now: a tendon rupture or a fracture"
                    + " is possible.", "urgent-review request, highest priority"),
            new DispositionView(Disposition.URGENT_REVIEW, "A clinician reviews the report the same day (target:"
                    + " within 4 hours).", "urgent-review request"),
            new DispositionView(Disposition.ROUTINE_REVIEW, "A clinician reviews the report within a few days; the"
                    + " patient gets interim self-care advice meanwhile.", "routine review item (the decision)"),
            new DispositionView(Disposition.SELF_CARE, "A conservative self-care plan with safety netting;"
                    + " re-check at 2 weeks.", "none"));

    static final String ABOUT_LIKELY_CONDITIONS = "Each condition scores the sum of the points of its signs that"
            + " hold (negative points count against it); all five are ranked by score, ties in the tie-break"
            + " order. The ranking is a transparent score, not a diagnosis.";

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
        List<AnswerView> answers = ruleset.answers().stream()
                .map(field -> new AnswerView(field.name(), field.allowed())).toList();
        return new RulesetView(ruleset.id(), ruleset.version(), ruleset.hash(), DECISION, DISPOSITIONS, rules,
                new LikelyConditionsView(ABOUT_LIKELY_CONDITIONS, signs, ruleset.tieBreak()), answers);
    }
}
