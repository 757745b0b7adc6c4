package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The small vocabulary rules are written in. Each check names the intake answer it reads (a constant of
 * {@link Fields}), so the explanation of a fired rule quotes the answers that triggered it, in the words of
 * the intake contract. All texts a check can produce are written once, when the check is built.
 */
public final class Checks {

    private Checks() {
    }

    /** A yes/no answer that is "yes". */
    public static Check yes(Field<Boolean> field) {
        return new YesNo(field, true);
    }

    /** A yes/no answer that is "no". */
    public static Check no(Field<Boolean> field) {
        return new YesNo(field, false);
    }

    public static Check atLeast(Field<Integer> field, int threshold) {
        return new Compare(field, threshold, true);
    }

    public static Check below(Field<Integer> field, int threshold) {
        return new Compare(field, threshold, false);
    }

    public static <E extends Enum<E>> Check is(Field<E> field, E value) {
        return new ChoiceIs<>(field, value, true);
    }

    public static <E extends Enum<E>> Check isNot(Field<E> field, E value) {
        return new ChoiceIs<>(field, value, false);
    }

    /** A multiple-choice answer that includes {@code value}. */
    public static <E extends Enum<E>> Check includes(Field<Set<E>> field, E value) {
        return new Includes<>(field, List.of(value));
    }

    /** A multiple-choice answer that includes at least one of {@code values}. */
    @SafeVarargs
    public static <E extends Enum<E>> Check includesAny(Field<Set<E>> field, E... values) {
        return new Includes<>(field, List.of(values));
    }

    /** A multiple-choice answer that includes none of {@code values}. */
    @SafeVarargs
    public static <E extends Enum<E>> Check includesNone(Field<Set<E>> field, E... values) {
        return new Excludes<>(field, List.of(values));
    }

    public static Check allOf(Check... checks) {
        return new AllOf(List.of(checks));
    }

    public static Check anyOf(Check... checks) {
        return new AnyOf(List.of(checks));
    }

    /**
     * A check on one answer. Its explanation is often the same for every report it holds for, so a rule made of
     * such checks can write its fired rule once ({@link #constantExplanation(Check)}).
     */
    private interface Leaf extends Check {
        /** The text {@link #explain} adds whatever the answers (when the check holds), or null if it varies. */
        String constantExplanation();
    }

    private static final class YesNo implements Leaf {
        private final Field<Boolean> field;
        private final boolean expected;
        private final String text;

        YesNo(Field<Boolean> field, boolean expected) {
            this.field = Objects.requireNonNull(field, "field");
            this.expected = expected;
            this.text = field.name() + " = " + expected;
        }

        public boolean test(IntakeAnswers a) {
            return field.read(a) == expected;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            because.add(text);
        }

        public void reads(Set<String> fields) {
            fields.add(field.name());
        }

        public String describe() {
            return text;
        }

        public String constantExplanation() {
            return text;
        }
    }

    private static final class Compare implements Leaf {
        private final Field<Integer> field;
        private final int threshold;
        private final boolean atLeast;
        private final String description;
        /** The explanation for every value the contract allows, e.g. {@code painScore = 8 (>= 7)}. */
        private final String[] explanations;

        Compare(Field<Integer> field, int threshold, boolean atLeast) {
            this.field = Objects.requireNonNull(field, "field");
            this.threshold = threshold;
            this.atLeast = atLeast;
            this.description = field.name() + " " + operator() + " " + threshold;
            this.explanations = new String[field.max() - field.min() + 1];
            for (int i = 0; i < explanations.length; i++) {
                explanations[i] = explanation(field.min() + i);
            }
        }

        public boolean test(IntakeAnswers a) {
            int value = field.read(a);
            return atLeast ? value >= threshold : value < threshold;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            int value = field.read(a);
            int i = value - field.min();
            because.add(i >= 0 && i < explanations.length ? explanations[i] : explanation(value));
        }

        private String explanation(int value) {
            return field.name() + " = " + value + " (" + operator() + " " + threshold + ")";
        }

        public void reads(Set<String> fields) {
            fields.add(field.name());
        }

        public String describe() {
            return description;
        }

        public String constantExplanation() {
            return null;
        }

        private String operator() {
            return atLeast ? ">=" : "<";
        }
    }

    private static final class ChoiceIs<E extends Enum<E>> implements Leaf {
        private final Field<E> field;
        private final E value;
        private final boolean equal;
        private final String description;
        /** For "is not": the explanation for each answer that is not {@link #value}, by ordinal. */
        private final String[] otherwise;

        ChoiceIs(Field<E> field, E value, boolean equal) {
            this.field = Objects.requireNonNull(field, "field");
            this.value = Objects.requireNonNull(value, "value");
            this.equal = equal;
            if (!field.choices().contains(value)) {
                throw new IllegalArgumentException(value + " is not an answer to " + field.name());
            }
            this.description = field.name() + (equal ? " = " : " != ") + value;
            this.otherwise = new String[field.choices().size()];
            for (int i = 0; i < otherwise.length; i++) {
                otherwise[i] = notValue(field.choices().get(i));
            }
        }

        public boolean test(IntakeAnswers a) {
            return (field.read(a) == value) == equal;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            if (equal) {
                because.add(description);
            } else {
                E given = field.read(a);
                because.add(given == null ? notValue(null) : otherwise[given.ordinal()]);
            }
        }

        private String notValue(Object given) {
            return field.name() + " = " + given + " (not " + value + ")";
        }

        public void reads(Set<String> fields) {
            fields.add(field.name());
        }

        public String describe() {
            return description;
        }

        public String constantExplanation() {
            return equal ? description : null;
        }
    }

    private static final class Includes<E extends Enum<E>> implements Leaf {
        private final Field<Set<E>> field;
        private final List<E> values;
        private final List<String> explanations;
        private final String description;

        Includes(Field<Set<E>> field, List<E> values) {
            this.field = Objects.requireNonNull(field, "field");
            this.values = requireChoices(field, values);
            this.explanations = values.stream().map(value -> field.name() + " includes " + value).toList();
            this.description = values.size() == 1 ? explanations.get(0)
                    : field.name() + " includes any of " + names(values);
        }

        public boolean test(IntakeAnswers a) {
            Set<E> given = field.read(a);
            for (E value : values) {
                if (given.contains(value)) {
                    return true;
                }
            }
            return false;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            Set<E> given = field.read(a);
            for (int i = 0; i < values.size(); i++) {
                if (given.contains(values.get(i))) {
                    because.add(explanations.get(i));
                }
            }
        }

        public void reads(Set<String> fields) {
            fields.add(field.name());
        }

        public String describe() {
            return description;
        }

        public String constantExplanation() {
            return values.size() == 1 ? explanations.get(0) : null;
        }
    }

    private static final class Excludes<E extends Enum<E>> implements Leaf {
        private final Field<Set<E>> field;
        private final List<E> values;
        private final String description;

        Excludes(Field<Set<E>> field, List<E> values) {
            this.field = Objects.requireNonNull(field, "field");
            this.values = requireChoices(field, values);
            this.description = field.name() + " includes none of " + names(values);
        }

        public boolean test(IntakeAnswers a) {
            Set<E> given = field.read(a);
            for (E value : values) {
                if (given.contains(value)) {
                    return false;
                }
            }
            return true;
        }

        public void explain(IntakeAnswers a, List<String> because) {
            because.add(description);
        }

        public void reads(Set<String> fields) {
            fields.add(field.name());
        }

        public String describe() {
            return description;
        }

        public String constantExplanation() {
            return description;
        }
    }

    /** Holds when every one of {@code checks} holds. */
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

    /** Holds when at least one of {@code checks} holds. */
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

    /**
     * The texts {@code check} explains itself with if they are the same for every report it holds for (leaves
     * with a constant explanation, joined only by {@code allOf}), so a fired rule can be written once; else null.
     */
    static List<String> constantExplanation(Check check) {
        List<String> texts = new java.util.ArrayList<>();
        return addConstantExplanation(check, texts) ? List.copyOf(texts) : null;
    }

    private static boolean addConstantExplanation(Check check, List<String> texts) {
        if (check instanceof Leaf leaf) {
            String text = leaf.constantExplanation();
            return text != null && texts.add(text);
        }
        if (check instanceof AllOf all) {
            for (Check part : all.checks()) {
                if (!addConstantExplanation(part, texts)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static String grouped(Check check) {
        return check instanceof AllOf || check instanceof AnyOf ? "(" + check.describe() + ")" : check.describe();
    }

    private static <E extends Enum<E>> List<E> requireChoices(Field<Set<E>> field, List<E> values) {
        if (values.isEmpty() || !field.choices().containsAll(values)) {
            throw new IllegalArgumentException(values + " are not answers to " + field.name());
        }
        return values;
    }

    private static String names(List<? extends Enum<?>> values) {
        return Arrays.toString(values.toArray());
    }
}
