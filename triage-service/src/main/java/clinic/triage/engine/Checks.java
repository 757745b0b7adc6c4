package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The small vocabulary rules are written in. Each check names the intake field it reads, so the
 * explanation of a fired rule quotes the answers that triggered it, in the words of the intake contract.
 */
public final class Checks {

    private Checks() {
    }

    /** A yes/no answer that is "yes". */
    public static Check yes(String field, Predicate<IntakeAnswers> answer) {
        return new BooleanIs(field, answer, true);
    }

    /** A yes/no answer that is "no". */
    public static Check no(String field, Predicate<IntakeAnswers> answer) {
        return new BooleanIs(field, answer, false);
    }

    public static Check atLeast(String field, ToIntFunction<IntakeAnswers> answer, int threshold) {
        return new IntCompare(field, answer, threshold, true);
    }

    public static Check below(String field, ToIntFunction<IntakeAnswers> answer, int threshold) {
        return new IntCompare(field, answer, threshold, false);
    }

    public static <E extends Enum<E>> Check is(String field, Function<IntakeAnswers, E> answer, E value) {
        return new EnumIs<>(field, answer, value, true);
    }

    public static <E extends Enum<E>> Check isNot(String field, Function<IntakeAnswers, E> answer, E value) {
        return new EnumIs<>(field, answer, value, false);
    }

    /** A multiple-choice answer that includes {@code value}. */
    public static <E extends Enum<E>> Check includes(String field, Function<IntakeAnswers, Set<E>> answer, E value) {
        return new SetIncludes<>(field, answer, List.of(value));
    }

    /** A multiple-choice answer that includes at least one of {@code values}. */
    @SafeVarargs
    public static <E extends Enum<E>> Check includesAny(String field, Function<IntakeAnswers, Set<E>> answer,
                                                        E... values) {
        return new SetIncludes<>(field, answer, List.of(values));
    }

    /** A multiple-choice answer that includes none of {@code values}. */
    @SafeVarargs
    public static <E extends Enum<E>> Check includesNone(String field, Function<IntakeAnswers, Set<E>> answer,
                                                         E... values) {
        return new SetExcludes<>(field, answer, List.of(values));
    }

    public static Check allOf(Check... checks) {
        return new AllOf(List.of(checks));
    }

    public static Check anyOf(Check... checks) {
        return new AnyOf(List.of(checks));
    }

    private record BooleanIs(String field, Predicate<IntakeAnswers> answer, boolean expected) implements Check {
        public boolean test(IntakeAnswers a) {
            return answer.test(a) == expected;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            because.add(field + " = " + expected);
        }

        public void reads(Set<String> fields) {
            fields.add(field);
        }

        public String describe() {
            return field + " = " + expected;
        }
    }

    private record IntCompare(String field, ToIntFunction<IntakeAnswers> answer, int threshold, boolean atLeast)
            implements Check {
        public boolean test(IntakeAnswers a) {
            int value = answer.applyAsInt(a);
            return atLeast ? value >= threshold : value < threshold;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            because.add(field + " = " + answer.applyAsInt(a) + " (" + operator() + " " + threshold + ")");
        }

        public void reads(Set<String> fields) {
            fields.add(field);
        }

        public String describe() {
            return field + " " + operator() + " " + threshold;
        }

        private String operator() {
            return atLeast ? ">=" : "<";
        }
    }

    private record EnumIs<E extends Enum<E>>(String field, Function<IntakeAnswers, E> answer, E value,
                                             boolean equal) implements Check {
        public boolean test(IntakeAnswers a) {
            return (answer.apply(a) == value) == equal;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            because.add(equal ? field + " = " + value : field + " = " + answer.apply(a) + " (not " + value + ")");
        }

        public void reads(Set<String> fields) {
            fields.add(field);
        }

        public String describe() {
            return field + (equal ? " = " : " != ") + value;
        }
    }

    private record SetIncludes<E extends Enum<E>>(String field, Function<IntakeAnswers, Set<E>> answer,
                                                  List<E> values) implements Check {
        public boolean test(IntakeAnswers a) {
            Set<E> given = answer.apply(a);
            for (E value : values) {
                if (given.contains(value)) {
                    return true;
                }
            }
            return false;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            Set<E> given = answer.apply(a);
            for (E value : values) {
                if (given.contains(value)) {
                    because.add(field + " includes " + value);
                }
            }
        }

        public void reads(Set<String> fields) {
            fields.add(field);
        }

        public String describe() {
            return values.size() == 1 ? field + " includes " + values.get(0)
                    : field + " includes any of " + names(values);
        }
    }

    private record SetExcludes<E extends Enum<E>>(String field, Function<IntakeAnswers, Set<E>> answer,
                                                  List<E> values) implements Check {
        public boolean test(IntakeAnswers a) {
            Set<E> given = answer.apply(a);
            for (E value : values) {
                if (given.contains(value)) {
                    return false;
                }
            }
            return true;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            because.add(describe());
        }

        public void reads(Set<String> fields) {
            fields.add(field);
        }

        public String describe() {
            return field + " includes none of " + names(values);
        }
    }

    private record AllOf(List<Check> checks) implements Check {
        public boolean test(IntakeAnswers a) {
            for (Check check : checks) {
                if (!check.test(a)) {
                    return false;
                }
            }
            return true;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            for (Check check : checks) {
                check.explain(a, because);
            }
        }

        public void reads(Set<String> fields) {
            checks.forEach(check -> check.reads(fields));
        }

        public String describe() {
            return checks.stream().map(Checks::grouped).collect(Collectors.joining(" AND "));
        }
    }

    private record AnyOf(List<Check> checks) implements Check {
        public boolean test(IntakeAnswers a) {
            for (Check check : checks) {
                if (check.test(a)) {
                    return true;
                }
            }
            return false;
        }

        /** Quotes every alternative that holds, not just the first. */
        public void explain(IntakeAnswers a, List<String> because) {
            for (Check check : checks) {
                if (check.test(a)) {
                    check.explain(a, because);
                }
            }
        }

        public void reads(Set<String> fields) {
            checks.forEach(check -> check.reads(fields));
        }

        public String describe() {
            return checks.stream().map(Checks::grouped).collect(Collectors.joining(" OR "));
        }
    }

    private static String grouped(Check check) {
        return check instanceof AllOf || check instanceof AnyOf ? "(" + check.describe() + ")" : check.describe();
    }

    private static String names(List<? extends Enum<?>> values) {
        return Arrays.toString(values.toArray());
    }
}
