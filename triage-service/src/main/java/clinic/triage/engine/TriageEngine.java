package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.events.triage.RedFlag;
import clinic.events.triage.SelfCarePlan;

import java.util.ArrayList;
import java.util.List;

/**
 * Classifies heel-pain intake answers: every rule proposes a disposition, the most urgent proposal wins,
 * no rule fired means SELF_CARE. A pure, thread-safe function of the answers. If anything cannot be
 * evaluated the engine fails safe: a {@code FAIL-SAFE} rule fires and the decision is at least
 * URGENT_REVIEW, never a silent SELF_CARE.
 */
public final class TriageEngine {

    static final String CHILD_TRIGGER = "OUTSIDE_ADULT_RULESET";
    static final String DIABETES_TRIGGER = "DIABETES";

    private final Ruleset ruleset;
    private final Rule[] rules;
    private final LikelyConditionRanker ranker;
    private final SelfCarePlanner planner = new SelfCarePlanner();

    public TriageEngine(Ruleset ruleset) {
        this.ruleset = ruleset;
        this.rules = ruleset.rules().toArray(Rule[]::new);
        this.ranker = new LikelyConditionRanker(ruleset.signs());
    }

    /** The engine with the clinic's heel-pain ruleset. */
    public static TriageEngine standard() {
        return new TriageEngine(HeelPainRules.ruleset());
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    public TriageOutcome evaluate(IntakeAnswers answers) {
        List<FiredRule> fired = new ArrayList<>(4);
        List<RedFlag> redFlags = new ArrayList<>(4);
        List<String> failures = null;
        Disposition disposition = Disposition.SELF_CARE;
        boolean child = false;
        boolean diabetes = false;
        for (Rule rule : rules) {
            try {
                if (rule.firesFor(answers)) {
                    fired.add(rule.fire(answers));
                    disposition = Disposition.mostUrgent(disposition, rule.disposition());
                    if (rule.redFlag() != null && !redFlags.contains(rule.redFlag())) {
                        redFlags.add(rule.redFlag());
                    }
                    child |= CHILD_TRIGGER.equals(rule.flag());
                    diabetes |= DIABETES_TRIGGER.equals(rule.flag());
                }
            } catch (RuntimeException e) {
                failures = add(failures, FailSafe.failure("rule " + rule.id(), e));
            }
        }
        List<LikelyCondition> ranking = List.of();
        try {
            ranking = ranker.rank(answers);
        } catch (RuntimeException e) {
            failures = add(failures, FailSafe.failure("ranking the likely conditions", e));
        }
        SelfCarePlan plan = null;
        if (failures == null) {
            try {
                Condition top = ranking.isEmpty() ? null : ranking.get(0).condition();
                plan = planner.plan(disposition, top, child, diabetes);
            } catch (RuntimeException e) {
                failures = add(failures, FailSafe.failure("writing the self-care plan", e));
            }
        }
        if (failures != null) {
            fired.add(FailSafe.fired(failures));
            disposition = Disposition.mostUrgent(disposition, FailSafe.DISPOSITION);
            plan = null;
        }
        return new TriageOutcome(disposition, redFlags, ranking, fired, plan, ruleset.ref());
    }

    private static List<String> add(List<String> failures, String failure) {
        List<String> list = failures == null ? new ArrayList<>(2) : failures;
        list.add(failure);
        return list;
    }
}
