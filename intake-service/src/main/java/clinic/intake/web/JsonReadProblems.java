package clinic.intake.web;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Arrays;
import java.util.Collection;

/**
 * Explains why a JSON body could not be bound, naming the field Jackson stopped at (unknown field,
 * unknown enum value, wrong JSON type). Jackson stops at the first such problem, so this is one field;
 * constraint violations of a well-typed body are all reported together by bean validation. Only the
 * exception's type and path are used: its message may quote the input and is never passed on.
 */
final class JsonReadProblems {

    private static final int MAX_NAME_LENGTH = 64;

    private JsonReadProblems() {
    }

    static FieldProblem describe(HttpMessageNotReadableException exception) {
        Throwable cause = exception.getCause();
        if (cause == null) {
            return new FieldProblem(FieldProblem.BODY, "is required and must be a JSON object");
        }
        if (!(cause instanceof JacksonException jackson)) {
            return new FieldProblem(FieldProblem.BODY, "could not be read");
        }
        String field = path(jackson);
        if (jackson instanceof UnrecognizedPropertyException) {
            return new FieldProblem(field, "is not a known field");
        }
        if (jackson instanceof InputCoercionException) {
            return new FieldProblem(field.isEmpty() ? FieldProblem.BODY : field, "is out of range");
        }
        if (jackson instanceof StreamReadException) {
            return new FieldProblem(FieldProblem.BODY, "is not well-formed JSON (or repeats a field)");
        }
        if (field.isEmpty()) {
            return new FieldProblem(FieldProblem.BODY, "must be a single JSON object");
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            return new FieldProblem(field, expectation(mismatch.getTargetType()));
        }
        return new FieldProblem(field, "has an invalid value");
    }

    /** {@code patient.email}, {@code painQualities[1]}: the JSON path Jackson was at. */
    static String path(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(safeName(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Field names can come from the client (unknown fields): keep them short and plain. */
    private static String safeName(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9_$-]", "?");
        return cleaned.length() > MAX_NAME_LENGTH ? cleaned.substring(0, MAX_NAME_LENGTH) + "..." : cleaned;
    }

    private static String expectation(Class<?> type) {
        if (type == null) {
            return "has the wrong JSON type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be a JSON object";
    }
}
