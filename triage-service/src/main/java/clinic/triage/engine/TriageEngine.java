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
 * no rule fired means SELF_CARE. A pure, thread-safe function of the answers: everything the engine keeps
 * is written when it is built and never changes.
 * <p>
 * Fail safe: if the report cannot be classified (no answers, answers outside the intake contract such as a
 * missing choice or an out-of-range number, a rule, the ranking or the plan that throws or gives an
 * incomplete result) a {@code FAIL-SAFE} rule fires with the reason and the decision is at least
 * URGENT_REVIEW, never a silent SELF_CARE. The rules that could be evaluated still count, so an emergency
 * stays an emergency.
 * <p>
 * Every rule and sign is tested through its checks, one by one, on the answers as given: the code a clinician
 * or reviewer reads is the code that decides. That is still thousands of times faster than reports arrive
 * (benchmarks/README.md), so there is deliberately no second, faster form of the rules that would have to be
 * kept equal to this one.
 */
public final class TriageEngine {

    static final String CHILD_TRIGGER = "OUTSIDE_ADULT_RULESET";
    static final String DIABETES_TRIGGER = "DIABETES";
    private static final int CONDITIONS = Condition.values().length;

    private final Ruleset ruleset;
    private final Rule[] rules;
    private final Check[] signs;
    private final int[] signPositions;
    private final LikelyConditionRanker ranker;
    private final SelfCarePlanner planner = new SelfCarePlanner();

    public TriageEngine(Ruleset ruleset) {
        this.ruleset = ruleset;
        this.rules = ruleset.rules().toArray(Rule[]::new);
        this.signs = ruleset.signs().stream().map(ConditionSign::when).toArray(Check[]::new);
        this.ranker = new LikelyConditionRanker(ruleset.signs());
        this.signPositions = new int[signs.length];
        for (int i = 0; i < signs.length; i++) {
            signPositions[i] = ranker.position(i);
        }
    }

    /** The engine with the clinic's heel-pain ruleset. */
    public static TriageEngine standard() {
        return new TriageEngine(HeelPainRules.ruleset());
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    public TriageOutcome evaluate(IntakeAnswers answers) {
        if (answers == null) {
            return new TriageOutcome(FailSafe.DISPOSITION, List.of(), List.of(),
                    List.of(FailSafe.fired(List.of(FailSafe.unclassifiable("the answers are missing")))), null,
                    ruleset.ref());
        }
        List<String> failures = null;
        for (Field<?> field : Fields.ALL) {
            String violation = field.contractViolation(answers);
            if (violation != null) {
                failures = add(failures, FailSafe.unclassifiable(violation));
            }
        }

        // A check that throws is a failure of its own: the other rules still count.
        long ruleHolds = 0;
        for (int i = 0; i < rules.length; i++) {
            try {
                if (rules[i].firesFor(answers)) {
                    ruleHolds |= 1L << i;
                }
            } catch (RuntimeException e) {
                failures = add(failures, FailSafe.failure("rule " + rules[i].id(), e));
            }
        }
        long signHolds = 0;
        boolean rankable = true;
        try {
            for (int i = 0; i < signs.length; i++) {
                if (signs[i].test(answers)) {
                    signHolds |= 1L << signPositions[i];
                }
            }
        } catch (RuntimeException e) {
            failures = add(failures, FailSafe.failure("ranking the likely conditions", e));
            rankable = false;
        }
        return decide(answers, ruleHolds, signHolds, rankable, failures);
    }

    /**
     * The decision from the rules that hold (bit i: rule i) and the signs that hold (in the ranker's
     * positions): most urgent proposal, red flags, explanations, ranking and plan; any failure fails safe.
     */
    private TriageOutcome decide(IntakeAnswers answers, long ruleHolds, long signHolds, boolean rankable,
                                 List<String> failures) {
        List<FiredRule> fired = ruleHolds == 0 && failures == null ? List.of()
                : new ArrayList<>(Long.bitCount(ruleHolds) + 1);
        List<RedFlag> redFlags = ruleHolds == 0 ? List.of() : new ArrayList<>(Long.bitCount(ruleHolds));
        long flagsListed = 0; // bit i: RedFlag with ordinal i is in redFlags
        Disposition disposition = Disposition.SELF_CARE;
        boolean child = false;
        boolean diabetes = false;
        for (long rest = ruleHolds; rest != 0; rest &= rest - 1) {
            Rule rule = rules[Long.numberOfTrailingZeros(rest)];
            disposition = Disposition.mostUrgent(disposition, rule.disposition());
            if (rule.redFlag() != null && (flagsListed & 1L << rule.redFlag().ordinal()) == 0) {
                flagsListed |= 1L << rule.redFlag().ordinal();
                redFlags.add(rule.redFlag());
            }
            child |= CHILD_TRIGGER.equals(rule.flag());
            diabetes |= DIABETES_TRIGGER.equals(rule.flag());
            try {
                fired.add(rule.fire(answers));
            } catch (RuntimeException e) {
                failures = add(failures, FailSafe.failure("explaining rule " + rule.id(), e));
            }
        }

        List<LikelyCondition> ranking = List.of();
        if (rankable) {
            try {
                ranking = ranker.rank(signHolds);
                if (ranking.size() != CONDITIONS) {
                    failures = add(failures, FailSafe.unclassifiable("the likely-condition ranking is incomplete"));
                }
            } catch (RuntimeException e) {
                failures = add(failures, FailSafe.failure("ranking the likely conditions", e));
            }
        }
        SelfCarePlan plan = null;
        if (failures == null) {
            try {
                plan = planner.plan(disposition, ranking.get(0).condition(), child, diabetes);
            } catch (RuntimeException e) {
                failures = add(failures, FailSafe.failure("writing the self-care plan", e));
            }
            if (failures == null && plan == null && !disposition.needsUrgentReview()) {
                failures = add(failures, FailSafe.unclassifiable("no self-care plan was written for " + disposition));
            }
        }
        if (failures != null) {
            fired = fired.isEmpty() ? new ArrayList<>(1) : fired;
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
