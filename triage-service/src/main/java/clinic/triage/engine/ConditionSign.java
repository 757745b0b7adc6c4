package clinic.triage.engine;

import clinic.events.triage.Condition;

import java.util.Objects;

/**
 * One sign that points towards (positive points) or away from (negative points) a likely condition.
 * The evidence text is written as the patient's answer in plain words, without the +/- prefix.
 */
public record ConditionSign(Condition condition, int points, Check when, String evidence) {

    public ConditionSign {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(when, "when");
        if (points == 0 || evidence == null || evidence.isBlank()) {
            throw new IllegalArgumentException("A sign needs non-zero points and evidence text");
        }
    }

    /** {@code "+ text"} for a sign in favour, {@code "- text"} for one against. */
    public String evidenceLine() {
        return (points > 0 ? "+ " : "- ") + evidence;
    }

    String canonical() {
        return "sign " + condition + " " + (points > 0 ? "+" : "") + points + " when " + when.describe()
                + " evidence " + evidence + "\n";
    }
}
