package clinic.triage.engine;

/**
 * The smallest test a condition is made of, on one answer of the {@link AnswerValues} vector. Conditions
 * built with {@link Checks} reduce to atoms, so the engine tests each distinct atom once per report in a
 * tight loop instead of walking every condition tree.
 */
record Atom(Op op, int field, int operand) {

    enum Op { EQUALS, NOT_EQUALS, AT_LEAST, BELOW, INCLUDES_ANY, INCLUDES_NONE }

    boolean test(int[] values) {
        int value = values[field];
        return switch (op) {
            case EQUALS -> value == operand;
            case NOT_EQUALS -> value != operand;
            case AT_LEAST -> value >= operand;
            case BELOW -> value < operand;
            case INCLUDES_ANY -> (value & operand) != 0;
            case INCLUDES_NONE -> (value & operand) == 0;
        };
    }
}
