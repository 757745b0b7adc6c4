package clinic.intake.report;

import clinic.events.intake.IntakeAnswers;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A report's answers in plain words, in the form's order, with the form's own wording: a clinician reads what the
 * patient was asked and what they chose, not field names and enum constants. The patient's identity is left
 * out here (the case file carries it apart).
 */
final class CaseAnswers {

    /** One question as the patient read it, and their answer in words. */
    record Answer(String question, String answer) {
    }

    private CaseAnswers() {
    }

    static List<Answer> of(IntakeAnswers answers) {
        return IntakeQuestions.ALL.stream()
                .filter(question -> !question.name().startsWith("patient."))
                .map(question -> new Answer(question.label(), words(question, valueOf(answers, question.name()))))
                .toList();
    }

    private static String words(Question question, Object value) {
        if (value == null) {
            return "Not answered";
        }
        if (value instanceof Collection<?> chosen) {
            return chosen.isEmpty() ? "None of these" : question.options().stream()
                    .filter(option -> chosen.stream().anyMatch(item -> item.toString().equals(option.value())))
                    .map(Question.Option::label).collect(Collectors.joining("; "));
        }
        String text = value.toString();
        return question.options().stream().filter(option -> option.value().equals(text)).findFirst()
                .map(Question.Option::label).orElse(text);
    }

    private static Object valueOf(IntakeAnswers answers, String field) {
        RecordComponent component = Arrays.stream(IntakeAnswers.class.getRecordComponents())
                .filter(candidate -> candidate.getName().equals(field)).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the form asks " + field + ", the contract has no such answer"));
        try {
            return component.getAccessor().invoke(answers);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read answer " + field, e);
        }
    }
}
