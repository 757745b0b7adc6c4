package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One triage rule as data: an id, what it watches for ({@link #when()}), the disposition it proposes,
 * a plain-language reason, and the source statement it rests on.
 */
public final class Rule {

    private final String id;
    private final RuleKind kind;
    private final String flag;
    private final RedFlag redFlag;
    private final Disposition disposition;
    private final Check when;
    private final String reason;
    private final String source;
    private final List<String> reads;
    /** The fired rule, written once, when its explanation is the same for every report it fires for. */
    private final FiredRule constantFired;

    private Rule(String id, RuleKind kind, String flag, RedFlag redFlag, Disposition disposition, Check when,
                 String reason, String source) {
        this.id = requireText(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.flag = requireText(flag, "flag");
        this.redFlag = redFlag;
        this.disposition = Objects.requireNonNull(disposition, "disposition");
        this.when = Objects.requireNonNull(when, "when");
        this.reason = requireText(reason, "reason");
        this.source = requireText(source, "source");
        Set<String> fields = new LinkedHashSet<>();
        when.reads(fields);
        this.reads = List.copyOf(fields);
        List<String> because = Checks.constantExplanation(when);
        this.constantFired = because == null ? null : new FiredRule(id, disposition, because, source);
    }

    /** A red flag: when it fires the flag is listed on the decision. */
    public static Rule redFlag(String id, RedFlag flag, Disposition disposition, Check when, String reason,
                               String source) {
        return new Rule(id, RuleKind.RED_FLAG, Objects.requireNonNull(flag, "flag").name(), flag, disposition, when,
                reason, source);
    }

    /** Another reason for review; {@code trigger} names it (e.g. {@code DIABETES}) but it is no red flag. */
    public static Rule reviewTrigger(String id, String trigger, Disposition disposition, Check when, String reason,
                                     String source) {
        return new Rule(id, RuleKind.REVIEW_TRIGGER, trigger, null, disposition, when, reason, source);
    }

    /** Whether the rule fires. May throw if the rule is broken; the engine then fails safe. */
    public boolean firesFor(IntakeAnswers answers) {
        return when.test(answers);
    }

    /** The fired rule with the answers that triggered it. */
    public FiredRule fire(IntakeAnswers answers) {
        if (constantFired != null) {
            return constantFired;
        }
        List<String> because = new ArrayList<>(4);
        when.explain(answers, because);
        return new FiredRule(id, disposition, because, source);
    }

    /** The definition as canonical text: what the ruleset hash is computed from. */
    String canonical() {
        return "rule " + id + "\n kind " + kind.label() + "\n flag " + flag + "\n disposition " + disposition
                + "\n when " + when.describe() + "\n reason " + reason + "\n source " + source + "\n";
    }

    public String id() {
        return id;
    }

    public RuleKind kind() {
        return kind;
    }

    /** The red flag or review trigger name. */
    public String flag() {
        return flag;
    }

    /** The red flag this rule raises, or null for a review trigger. */
    public RedFlag redFlag() {
        return redFlag;
    }

    public Disposition disposition() {
        return disposition;
    }

    /** The condition in readable form, e.g. {@code painScore >= 7}. */
    public String condition() {
        return when.describe();
    }

    /** The intake fields the rule reads. */
    public List<String> reads() {
        return reads;
    }

    public String reason() {
        return reason;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return id;
    }

    private static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A rule needs a " + what);
        }
        return text;
    }
}
