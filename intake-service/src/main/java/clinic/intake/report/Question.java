package clinic.intake.report;

import java.util.List;

/**
 * One question of the intake web form. {@code name} is the field name of the JSON API, so a form
 * answer, a validation error and the API's field all share one name. Public only because the templates
 * call it.
 */
public record Question(String name, Kind kind, String label, String hint, List<Option> options, Integer min,
                       Integer max, String autocomplete, boolean optional) {

    public enum Kind { TEXT, EMAIL, TEL, NUMBER, ONE_OF, ANY_OF }

    /** A radio button or checkbox: the value sent and the words the patient reads. */
    public record Option(String value, String label) {
    }

    public Question {
        options = List.copyOf(options);
    }

    public boolean hasOptions() {
        return kind == Kind.ONE_OF || kind == Kind.ANY_OF;
    }

    /** The element an error summary link jumps to: the input itself, or the first of a group. */
    public String anchorId() {
        return hasOptions() ? optionId(options.get(0)) : name;
    }

    public String optionId(Option option) {
        return name + "-" + option.value();
    }
}
