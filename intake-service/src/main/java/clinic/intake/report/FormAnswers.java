package clinic.intake.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The intake form's answers exactly as the browser sent them, limited to the form's own fields, so the
 * form can be shown again with everything the patient typed and ticked (even what was rejected).
 */
public final class FormAnswers {

    private final Map<String, List<String>> values;

    private FormAnswers(Map<String, List<String>> values) {
        this.values = values;
    }

    static FormAnswers empty() {
        return new FormAnswers(Map.of());
    }

    static FormAnswers of(Map<String, List<String>> parameters) {
        Map<String, List<String>> known = new HashMap<>();
        for (Question question : IntakeQuestions.ALL) {
            List<String> sent = parameters.get(question.name());
            if (sent != null) {
                known.put(question.name(), List.copyOf(sent));
            }
        }
        return new FormAnswers(known);
    }

    /** These answers with one field's value replaced. */
    FormAnswers with(String name, String value) {
        Map<String, List<String>> changed = new HashMap<>(values);
        changed.put(name, List.of(value));
        return new FormAnswers(changed);
    }

    /** Every value sent for a field; empty when none. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The text typed into a field, for showing it again; empty when none. */
    public String value(String name) {
        List<String> sent = all(name);
        return sent.isEmpty() ? "" : sent.get(0);
    }

    /** Whether a radio button or checkbox was chosen, for showing it again. */
    public boolean chosen(String name, String option) {
        return all(name).contains(option);
    }

    @Override
    public String toString() {
        return "FormAnswers[redacted]";
    }
}
