package clinic.intake.web;

/**
 * One entry of the {@code errors} array of a problem+json body: which field is wrong and what it must
 * be. Messages describe the rule, never the rejected value. {@code "body"} means the request as a whole.
 */
record FieldProblem(String field, String message) {

    static final String BODY = "body";
}
