package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * jqwik generators of intake answers, as {@link AnswerValues} vectors (one int per answer, indexed like
 * {@link Fields#ALL}) turned into {@link IntakeAnswers}, so shrinking works answer by answer. Red flags
 * are generated rarely enough that plenty of reports start out as SELF_CARE or ROUTINE_REVIEW.
 */
final class GeneratedReports {

    private GeneratedReports() {
    }

    /** Any answers the intake contract allows. */
    static Arbitrary<IntakeAnswers> withinContract() {
        List<Arbitrary<Integer>> answers = new ArrayList<>();
        for (Field<?> field : Fields.ALL) {
            answers.add(withinContract(field));
        }
        return Combinators.combine(answers).as(GeneratedReports::vector).map(GeneratedReports::answers);
    }

    /** Answers with at least one of them outside the contract: a missing choice or a number out of range. */
    static Arbitrary<IntakeAnswers> outsideContract() {
        List<Field<?>> breakable = Fields.ALL.stream()
                .filter(field -> field.kind() == Field.Kind.NUMBER || field.kind() == Field.Kind.CHOICE).toList();
        return Arbitraries.of(breakable).flatMap(broken -> {
            List<Arbitrary<Integer>> answers = new ArrayList<>();
            for (Field<?> field : Fields.ALL) {
                answers.add(field == broken ? outside(field) : withinContract(field));
            }
            return Combinators.combine(answers).as(GeneratedReports::vector).map(GeneratedReports::answers);
        });
    }

    /** Within the contract most of the time, sometimes outside it. */
    static Arbitrary<IntakeAnswers> anything() {
        return Arbitraries.frequencyOf(Tuple.of(4, withinContract()), Tuple.of(1, outsideContract()));
    }

    static Arbitrary<Integer> withinContract(Field<?> field) {
        if (field == Fields.AGE_YEARS) {
            return Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.integers().between(1, 20)),
                    Tuple.of(5, Arbitraries.integers().between(1, 120)));
        }
        if (field == Fields.SYMPTOMS) {
            return rarely(0, Arbitraries.integers().between(0, (1 << Symptom.values().length) - 1));
        }
        if (field == Fields.CAN_WALK_NORMALLY || field == Fields.CAN_RUN_NORMALLY) {
            return rarely(1, Arbitraries.just(0));
        }
        if (field == Fields.SUDDEN_ONSET_WITH_POP_OR_SNAP || field == Fields.WORSENING_DESPITE_REDUCED_LOAD
                || field == Fields.PAIN_ON_SQUEEZING_HEEL_SIDES || field == Fields.HAS_DIABETES) {
            return rarely(0, Arbitraries.just(1));
        }
        if (field == Fields.PAIN_AT_REST) {
            return rarely(Arbitraries.of(PainAtRest.NONE.ordinal(), PainAtRest.MILD.ordinal()),
                    Arbitraries.just(PainAtRest.SIGNIFICANT.ordinal()));
        }
        if (field == Fields.PAIN_SCORE) {
            return rarely(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(7, 10));
        }
        return switch (field.kind()) {
            case YES_NO -> Arbitraries.of(0, 1);
            case NUMBER -> Arbitraries.integers().between(field.min(), field.max());
            case CHOICE -> Arbitraries.integers().between(0, field.choices().size() - 1);
            case CHOICES -> Arbitraries.integers().between(0, (1 << field.choices().size()) - 1);
        };
    }

    private static Arbitrary<Integer> outside(Field<?> field) {
        return field.kind() == Field.Kind.CHOICE ? Arbitraries.just(AnswerValues.MISSING)
                : Arbitraries.oneOf(Arbitraries.integers().between(-1000, field.min() - 1),
                        Arbitraries.integers().between(field.max() + 1, field.max() + 1000),
                        Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    private static Arbitrary<Integer> rarely(int usually, Arbitrary<Integer> sometimes) {
        return rarely(Arbitraries.just(usually), sometimes);
    }

    private static Arbitrary<Integer> rarely(Arbitrary<Integer> usually, Arbitrary<Integer> sometimes) {
        return Arbitraries.frequencyOf(Tuple.of(6, usually), Tuple.of(1, sometimes));
    }

    private static int[] vector(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The answers whose {@link AnswerValues} vector is {@code v} (the inverse of {@link AnswerValues#read}). */
    static IntakeAnswers answers(int[] v) {
        return new IntakeAnswers(v[0], v[1] == 1, choice(PainLocation.class, v[2]), set(PainQuality.class, v[3]),
                set(Symptom.class, v[4]), v[5] == 1, v[6] == 1, v[7] == 1, choice(PainAtRest.class, v[8]), v[9],
                choice(Trend.class, v[10]), v[11] == 1, v[12] == 1, v[13] == 1, v[14] == 1, v[15] == 1,
                v[16] == 1, set(LoadChange.class, v[17]), v[18], v[19], v[20] == 1);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, int ordinal) {
        return ordinal == AnswerValues.MISSING ? null : type.getEnumConstants()[ordinal];
    }

    private static <E extends Enum<E>> Set<E> set(Class<E> type, int mask) {
        Set<E> set = EnumSet.noneOf(type);
        for (E value : type.getEnumConstants()) {
            if ((mask & 1 << value.ordinal()) != 0) {
                set.add(value);
            }
        }
        return set;
    }
}
