package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One answer of the intake form that rules can read: its name in the intake contract, its kind and the
 * values the contract allows. Rules name answers through the constants of {@link Fields}, so the field
 * name a clinician reads in an explanation is always the one the rule really tested.
 *
 * @param <T> the Java type of the answer
 */
public final class Field<T> {

    /** How an answer is shaped in the intake contract. */
    public enum Kind { YES_NO, NUMBER, CHOICE, CHOICES }

    private final String name;
    private final Kind kind;
    private final int min;
    private final int max;
    private final List<? extends Enum<?>> choices;
    private final Function<IntakeAnswers, T> read;

    private Field(String name, Kind kind, int min, int max, List<? extends Enum<?>> choices,
                  Function<IntakeAnswers, T> read) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.read = Objects.requireNonNull(read, "read");
    }

    static Field<Boolean> yesNo(String name, Function<IntakeAnswers, Boolean> read) {
        return new Field<>(name, Kind.YES_NO, 0, 1, List.of(), read);
    }

    static Field<Integer> number(String name, int min, int max, Function<IntakeAnswers, Integer> read) {
        return new Field<>(name, Kind.NUMBER, min, max, List.of(), read);
    }

    static <E extends Enum<E>> Field<E> choice(String name, Class<E> type,
                                               Function<IntakeAnswers, E> read) {
        return new Field<>(name, Kind.CHOICE, 0, type.getEnumConstants().length - 1,
                Arrays.asList(type.getEnumConstants()), read);
    }

    static <E extends Enum<E>> Field<java.util.Set<E>> choices(String name, Class<E> type,
                                                               Function<IntakeAnswers, java.util.Set<E>> read) {
        return new Field<>(name, Kind.CHOICES, 0, type.getEnumConstants().length - 1,
                Arrays.asList(type.getEnumConstants()), read);
    }

    /** The answer's name in the intake contract, e.g. {@code painScore}. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The smallest number the contract allows (numbers only). */
    public int min() {
        return min;
    }

    /** The largest number the contract allows (numbers only). */
    public int max() {
        return max;
    }

    /** The values a choice (or multiple choice) may take, in declaration order. */
    public List<? extends Enum<?>> choices() {
        return choices;
    }

    /** The answer as given. */
    public T read(IntakeAnswers answers) {
        return read.apply(answers);
    }

    /**
     * What makes this answer fall outside the intake contract, without the value itself (a missing choice, a
     * number out of range): a combination no rule is written for. Null when the contract allows it; a yes/no
     * answer or a multiple choice always is (the answers hold no null sets).
     */
    String contractViolation(IntakeAnswers answers) {
        return switch (kind) {
            case NUMBER -> {
                int value = (Integer) read(answers);
                yield value < min || value > max ? name + " is outside the intake contract (" + allowed() + ")" : null;
            }
            case CHOICE -> read(answers) == null ? name + " is missing" : null;
            case YES_NO, CHOICES -> null;
        };
    }

    /** What the intake contract allows, as a clinician reads it, e.g. {@code a whole number from 0 to 10}. */
    public String allowed() {
        return switch (kind) {
            case YES_NO -> "yes or no";
            case NUMBER -> "a whole number from " + min + " to " + max;
            case CHOICE -> "one of " + choices;
            case CHOICES -> "any of " + choices + " (or none)";
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
