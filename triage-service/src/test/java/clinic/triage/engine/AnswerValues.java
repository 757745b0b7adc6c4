package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;

import java.util.Set;

/**
 * The answers as one vector of ints, indexed like {@link Fields#ALL}, for the tests: a yes/no answer is 0 or
 * 1, a number is itself, a choice is its ordinal ({@value #MISSING} when missing), a multiple choice is a bit
 * mask of the ordinals it includes. Reports are generated, shrunk and made worse answer by answer on this
 * vector ({@link GeneratedReports#answers} turns it back into answers); the engine reads the answers as given.
 */
final class AnswerValues {

    static final int MISSING = -1;

    private AnswerValues() {
    }

    /** Where {@code field} sits in the vector: its position in {@link Fields#ALL}. */
    static int index(Field<?> field) {
        return Fields.ALL.indexOf(field);
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

    private static int bit(boolean answer) {
        return answer ? 1 : 0;
    }

    private static int ordinal(Enum<?> answer) {
        return answer == null ? MISSING : answer.ordinal();
    }

    private static int mask(Set<? extends Enum<?>> answer) {
        int mask = 0;
        for (Enum<?> value : answer) {
            mask |= 1 << value.ordinal();
        }
        return mask;
    }
}
