package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The answers as one vector of ints, indexed like {@link Fields#ALL}: a yes/no answer is 0 or 1, a number
 * is itself, a choice is its ordinal ({@value #MISSING} when missing), a multiple choice is a bit mask of
 * the ordinals it includes. The engine reads the answers once into this vector and tests every condition
 * against it, and it checks here that the answers are what the intake contract allows.
 */
final class AnswerValues {

    static final int MISSING = -1;

    /** The answers whose value can fall outside the contract: numbers, and choices (when missing). */
    private static final Field<?>[] CHECKED = Fields.ALL.stream()
            .filter(field -> field.kind() == Field.Kind.NUMBER || field.kind() == Field.Kind.CHOICE)
            .toArray(Field<?>[]::new);

    private AnswerValues() {
    }

    static int[] read(IntakeAnswers a) {
        return new int[] {
                a.ageYears(),
                bit(a.hasDiabetes()),
                ordinal(a.painLocation()),
                mask(a.painQualities()),
                mask(a.symptoms()),
                bit(a.worstOnFirstStepsAfterRest()),
                bit(a.easesOnceMoving()),
                bit(a.worseWithActivity()),
                ordinal(a.painAtRest()),
                a.painScore(),
                ordinal(a.trend()),
                bit(a.worseningDespiteReducedLoad()),
                bit(a.canWalkNormally()),
                bit(a.canRunNormally()),
                bit(a.painOnSqueezingHeelSides()),
                bit(a.tenderBackOfHeelToPressure()),
                bit(a.suddenOnsetWithPopOrSnap()),
                mask(a.recentLoadChanges()),
                a.symptomDurationDays(),
                a.weeksOfLoadReductionAndRehab(),
                bit(a.returnsWhenRunningResumes())};
    }

    /**
     * What makes the answers fall outside the intake contract (a missing choice, a number out of range), in
     * field order and without the values themselves; null when the answers are complete and in range.
     */
    static List<String> contractViolations(int[] values) {
        List<String> violations = null;
        for (Field<?> field : CHECKED) {
            int value = values[field.index()];
            if (value < field.min() || value > field.max()) {
                if (violations == null) {
                    violations = new ArrayList<>(2);
                }
                violations.add(violation(field, value));
            }
        }
        return violations;
    }

    private static String violation(Field<?> field, int value) {
        return switch (field.kind()) {
            case NUMBER -> value < field.min() || value > field.max()
                    ? field.name() + " is outside the intake contract (" + field.allowed() + ")" : null;
            case CHOICE -> value == MISSING ? field.name() + " is missing" : null;
            case YES_NO, CHOICES -> null;
        };
    }

    private static int bit(boolean answer) {
        return answer ? 1 : 0;
    }

    private static int ordinal(Enum<?> answer) {
        return answer == null ? MISSING : answer.ordinal();
    }

    private static int mask(Set<? extends Enum<?>> answer) {
        if (answer.isEmpty()) {
            return 0;
        }
        int mask = 0;
        for (Enum<?> value : answer) {
            mask |= 1 << value.ordinal();
        }
        return mask;
    }
}
