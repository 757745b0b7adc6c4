package clinic.intake.report;

import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.UniqueElements;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the form's text into a {@link SymptomReportRequest} and checks it with the API's own bean
 * validation rules, so the form accepts exactly what the API accepts. Text that is not a number, or a
 * value that is not one of the options, is reported here (the API's JSON binding does that for JSON);
 * everything else comes from the validator. Messages are written for patients and never quote input.
 */
final class ReportFormCheck {

    /** The request (null when anything is wrong) and each bad field's message, in form order. */
    record Outcome(SymptomReportRequest request, Map<String, String> errors) {
    }

    private final FormAnswers answers;
    private final Map<String, String> errors = new HashMap<>();

    private ReportFormCheck(FormAnswers answers) {
        this.answers = answers;
    }

    static Outcome check(FormAnswers answers, Validator validator) {
        return new ReportFormCheck(answers).run(validator);
    }

    private Outcome run(Validator validator) {
        SymptomReportRequest request = new SymptomReportRequest(
                new PatientDetails(text("patient.externalId"), text("patient.name"), text("patient.email"),
                        optionalText("patient.phone")),
                number("ageYears"), yesNo("hasDiabetes"), oneOf("painLocation", PainLocation.class),
                anyOf("painQualities", PainQuality.class), anyOf("symptoms", Symptom.class),
                yesNo("worstOnFirstStepsAfterRest"), yesNo("easesOnceMoving"), yesNo("worseWithActivity"),
                oneOf("painAtRest", PainAtRest.class), number("painScore"), oneOf("trend", Trend.class),
                yesNo("worseningDespiteReducedLoad"), yesNo("canWalkNormally"), yesNo("canRunNormally"),
                yesNo("painOnSqueezingHeelSides"), yesNo("tenderBackOfHeelToPressure"),
                yesNo("suddenOnsetWithPopOrSnap"), anyOf("recentLoadChanges", LoadChange.class),
                number("symptomDurationDays"), number("weeksOfLoadReductionAndRehab"),
                yesNo("returnsWhenRunningResumes"));
        for (ConstraintViolation<SymptomReportRequest> violation : validator.validate(request)) {
            String field = fieldName(violation);
            errors.putIfAbsent(field, message(field, violation.getConstraintDescriptor().getAnnotation()));
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        IntakeQuestions.ALL.stream().map(Question::name).filter(errors::containsKey)
                .forEach(name -> ordered.put(name, errors.get(name)));
        return new Outcome(ordered.isEmpty() ? request : null, ordered);
    }

    /** Text fields keep what was typed; bean validation decides whether it will do. */
    private String text(String name) {
        return single(name);
    }

    /** An optional typed answer: left empty, it is no answer at all (null), not an empty one. */
    private String optionalText(String name) {
        String text = single(name);
        return text == null || text.isBlank() ? null : text.strip();
    }

    private Integer number(String name) {
        String text = single(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException notAWholeNumber) {
            Question question = IntakeQuestions.question(name);
            return reject(name, text.strip().matches("-?[0-9]+")
                    ? "Enter a whole number from " + question.min() + " to " + question.max()
                    : "Enter a whole number, using digits only");
        }
    }

    private Boolean yesNo(String name) {
        String text = single(name);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> reject(name, "Choose Yes or No");
        };
    }

    private <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        String text = single(name);
        return text == null ? null : option(name, type, text);
    }

    /** A group of checkboxes sends nothing when none is ticked: that is the answer "none of these". */
    private <E extends Enum<E>> List<E> anyOf(String name, Class<E> type) {
        List<E> chosen = new ArrayList<>();
        for (String text : answers.all(name)) {
            E value = option(name, type, text);
            if (value == null) {
                return null;
            }
            chosen.add(value);
        }
        return chosen;
    }

    private <E extends Enum<E>> E option(String name, Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        return reject(name, "Choose from the options shown");
    }

    /** The one value sent for a field: null when none, an error when the browser sent several. */
    private String single(String name) {
        List<String> sent = answers.all(name);
        if (sent.size() > 1) {
            return reject(name, "Give one answer only");
        }
        return sent.isEmpty() ? null : sent.get(0);
    }

    private <T> T reject(String name, String message) {
        errors.putIfAbsent(name, message);
        return null;
    }

    /** {@code painQualities[0].<list element>} is reported on the question, {@code painQualities}. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int index = path.indexOf('[');
        return index < 0 ? path : path.substring(0, index);
    }

    private static String message(String field, Annotation constraint) {
        Question question = IntakeQuestions.question(field);
        if (constraint instanceof NotNull || constraint instanceof NotBlank) {
            return question.hasOptions() ? "Choose an answer" : "Fill this in";
        }
        if (constraint instanceof Range range) {
            return "Enter a whole number from " + range.min() + " to " + range.max();
        }
        if (constraint instanceof Size size) {
            return "Use no more than " + size.max() + " characters";
        }
        if (constraint instanceof jakarta.validation.constraints.Pattern && field.equals("patient.phone")) {
            return "Enter the number with + and the country code, digits only, like +441632960123";
        }
        if (constraint instanceof Email) {
            return "Enter an email address in the right format, like name@example.com";
        }
        if (constraint instanceof UniqueElements) {
            return "Tick each option once only";
        }
        return "Check this answer";
    }
}
