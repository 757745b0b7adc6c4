package clinic.triage.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' and signs' conditions in a form that is quick to test, derived from their {@link Checks}
 * definitions when the engine is built (the definitions stay the single source of truth).
 * <p>
 * Every distinct {@link Atom} of every condition is one bit of a 64-bit word of facts. For each answer that
 * some atom reads, a table built up front holds the facts each possible value makes true, so the facts of a
 * report are one table look-up per answer. Each condition is then a mask test on the facts (all of its
 * atoms, or any of them) or, when it mixes "and" and "or", a truth table over its own few atoms. A pure
 * function of the answer vector, without state.
 * <p>
 * Only conditions built with {@link Checks} compile, with at most {@value #MAX_ATOMS} distinct atoms overall,
 * {@value #MAX_ATOMS_PER_CONDITION} per condition and 64 conditions of each kind; otherwise {@link #compile}
 * returns null and the engine interprets the checks one by one.
 */
final class CompiledConditions {

    static final int MAX_ATOMS = 64;
    static final int MAX_ATOMS_PER_CONDITION = 6;

    private final Atom[] atoms;
    /** The answers some atom reads, their lowest encoded value, and the facts of each value from there. */
    private final int[] fields;
    private final int[] lowest;
    private final long[][] factsByValue;
    private final Conditions rules;
    private final Conditions signs;

    private CompiledConditions(Atom[] atoms, Conditions rules, Conditions signs) {
        this.atoms = atoms;
        this.rules = rules;
        this.signs = signs;
        List<Field<?>> read = Fields.ALL.stream()
                .filter(field -> List.of(atoms).stream().anyMatch(atom -> atom.field() == field.index())).toList();
        this.fields = new int[read.size()];
        this.lowest = new int[read.size()];
        this.factsByValue = new long[read.size()][];
        int[] values = new int[Fields.ALL.size()];
        for (int f = 0; f < fields.length; f++) {
            Field<?> field = read.get(f);
            fields[f] = field.index();
            lowest[f] = switch (field.kind()) {
                case NUMBER -> field.min();
                case CHOICE -> AnswerValues.MISSING;
                case YES_NO, CHOICES -> 0;
            };
            int highest = field.kind() == Field.Kind.CHOICES ? (1 << field.choices().size()) - 1 : field.max();
            factsByValue[f] = new long[highest - lowest[f] + 1];
            for (int value = lowest[f]; value <= highest; value++) {
                values[field.index()] = value;
                factsByValue[f][value - lowest[f]] = factsOf(field.index(), values);
            }
        }
    }

    /**
     * Compiles the conditions of {@code rules} (rule i answers in bit i) and {@code signs} (sign i answers in
     * bit {@code signPositions[i]}), or returns null if they cannot be compiled.
     */
    static CompiledConditions compile(List<Check> rules, List<Check> signs, int[] signPositions) {
        if (rules.size() > 64 || signs.size() > 64) {
            return null;
        }
        Map<Atom, Integer> atoms = new LinkedHashMap<>();
        List<Formula> ruleFormulas = new ArrayList<>();
        List<Formula> signFormulas = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleFormulas.add(formula(rules.get(i), i, atoms));
        }
        for (int i = 0; i < signs.size(); i++) {
            signFormulas.add(formula(signs.get(i), signPositions[i], atoms));
        }
        if (ruleFormulas.contains(null) || signFormulas.contains(null) || atoms.size() > MAX_ATOMS) {
            return null;
        }
        return new CompiledConditions(atoms.keySet().toArray(Atom[]::new), new Conditions(ruleFormulas),
                new Conditions(signFormulas));
    }

    /** Bit i is the value of atom i for these answers: a table look-up per answer read (outside the tables, a test). */
    long facts(int[] values) {
        long facts = 0;
        for (int f = 0; f < fields.length; f++) {
            long[] byValue = factsByValue[f];
            int row = values[fields[f]] - lowest[f];
            facts |= row >= 0 && row < byValue.length ? byValue[row] : factsOf(fields[f], values);
        }
        return facts;
    }

    /** Bit i is set when the condition of rule i holds. */
    long rules(long facts) {
        return rules.holding(facts);
    }

    /** Bit {@code signPositions[i]} is set when the condition of sign i holds. */
    long signs(long facts) {
        return signs.holding(facts);
    }

    /** The facts of the atoms on one answer, tested one by one. */
    private long factsOf(int field, int[] values) {
        long facts = 0;
        for (int i = 0; i < atoms.length; i++) {
            if (atoms[i].field() == field && atoms[i].test(values)) {
                facts |= 1L << i;
            }
        }
        return facts;
    }

    /**
     * One condition: the bit it answers in, its atoms (as fact bits) and its truth table: bit {@code row} of
     * {@code table} is its value when atom j has the value of bit j of {@code row}.
     */
    private record Formula(int output, int[] atoms, long table) {
        long mask() {
            long mask = 0;
            for (int atom : atoms) {
                mask |= 1L << atom;
            }
            return mask;
        }

        /** All of its atoms: only the last row of the table is true. */
        boolean isAll() {
            return table == 1L << ((1 << atoms.length) - 1);
        }

        /** Any of its atoms: every row but the first is true. */
        boolean isAny() {
            int rows = 1 << atoms.length;
            return table == ((rows == 64 ? -1L : (1L << rows) - 1) & ~1L);
        }

        boolean holds(long facts) {
            int row = 0;
            for (int j = 0; j < atoms.length; j++) {
                row |= (int) (facts >>> atoms[j] & 1L) << j;
            }
            return (table >>> row & 1L) != 0;
        }
    }

    /** A group of conditions, sorted by shape so that most are tested with a mask and no branch. */
    private static final class Conditions {
        private final long[] allMasks;
        private final int[] allOutputs;
        private final long[] anyMasks;
        private final int[] anyOutputs;
        private final Formula[] tables;

        Conditions(List<Formula> formulas) {
            List<Formula> all = formulas.stream().filter(Formula::isAll).toList();
            List<Formula> any = formulas.stream().filter(f -> !f.isAll() && f.isAny()).toList();
            allMasks = all.stream().mapToLong(Formula::mask).toArray();
            allOutputs = all.stream().mapToInt(Formula::output).toArray();
            anyMasks = any.stream().mapToLong(Formula::mask).toArray();
            anyOutputs = any.stream().mapToInt(Formula::output).toArray();
            tables = formulas.stream().filter(f -> !f.isAll() && !f.isAny()).toArray(Formula[]::new);
        }

        long holding(long facts) {
            long holding = 0;
            for (int i = 0; i < allMasks.length; i++) {
                long missing = ~facts & allMasks[i];              // 0 when every atom holds
                holding |= (((missing | -missing) >>> 63) ^ 1L) << allOutputs[i];
            }
            for (int i = 0; i < anyMasks.length; i++) {
                long present = facts & anyMasks[i];               // not 0 when some atom holds
                holding |= ((present | -present) >>> 63) << anyOutputs[i];
            }
            for (Formula formula : tables) {
                if (formula.holds(facts)) {
                    holding |= 1L << formula.output();
                }
            }
            return holding;
        }
    }

    private static Formula formula(Check check, int output, Map<Atom, Integer> global) {
        List<Atom> local = new ArrayList<>();
        if (!collect(check, local) || local.size() > MAX_ATOMS_PER_CONDITION) {
            return null;
        }
        int[] indexes = new int[local.size()];
        for (int j = 0; j < indexes.length; j++) {
            indexes[j] = global.computeIfAbsent(local.get(j), atom -> global.size());
        }
        long table = 0;
        for (int row = 0; row < 1 << local.size(); row++) {
            if (holds(check, local, row)) {
                table |= 1L << row;
            }
        }
        return new Formula(output, indexes, table);
    }

    /** Adds the distinct atoms of {@code check}; false if some part of it is not built with {@link Checks}. */
    private static boolean collect(Check check, List<Atom> atoms) {
        if (check instanceof Checks.Leaf leaf) {
            if (!atoms.contains(leaf.atom())) {
                atoms.add(leaf.atom());
            }
            return true;
        }
        List<Check> parts = check instanceof Checks.AllOf all ? all.checks()
                : check instanceof Checks.AnyOf any ? any.checks() : null;
        if (parts == null) {
            return false;
        }
        for (Check part : parts) {
            if (!collect(part, atoms)) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code check} when its atoms have the truth values of the bits of {@code row}. */
    private static boolean holds(Check check, List<Atom> atoms, int row) {
        if (check instanceof Checks.Leaf leaf) {
            return (row >>> atoms.indexOf(leaf.atom()) & 1) != 0;
        }
        if (check instanceof Checks.AllOf all) {
            return all.checks().stream().allMatch(part -> holds(part, atoms, row));
        }
        return ((Checks.AnyOf) check).checks().stream().anyMatch(part -> holds(part, atoms, row));
    }
}
