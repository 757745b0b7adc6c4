package clinic.notification.pages;

import clinic.events.review.ReviewedCondition;
import clinic.events.triage.Disposition;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The close-the-review form as posted, checked: a disposition (one of the four), the condition found (one of the
 * five, other or not determined) and an optional short note. Each bad field gets a message for its question; the
 * values come back so nothing the clinician typed is lost.
 */
public record ReviewForm(String disposition, String condition, String note, Map<String, String> errors) {

    static final int NOTE_MAX = 1000;

    /** Printable text and line breaks: no other control characters, no bidi or zero-width characters. */
    private static final String NOTE_TEXT = "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*";

    /** The choices the form offers, in order, with the words the clinician reads. */
    static final List<Option> DISPOSITIONS = Arrays.stream(Disposition.values())
            .map(value -> new Option(value.name(), Labels.of(value))).toList();
    static final List<Option> CONDITIONS = Arrays.stream(ReviewedCondition.values())
            .map(value -> new Option(value.name(), switch (value) {
                case OTHER -> "Another condition";
                case UNKNOWN -> "Not determined yet";
                default -> Labels.of(value);
            })).toList();

    public record Option(String value, String label) {
    }

    static ReviewForm empty() {
        return new ReviewForm(null, null, null, Map.of());
    }

    static ReviewForm check(String disposition, String condition, String note) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (parse(Disposition.class, disposition).isEmpty()) {
            errors.put("disposition", "Choose the disposition you judged right");
        }
        if (parse(ReviewedCondition.class, condition).isEmpty()) {
            errors.put("condition", "Choose the condition you found, or another or not determined");
        }
        String trimmed = note == null || note.isBlank() ? null : note.strip();
        if (trimmed != null && trimmed.length() > NOTE_MAX) {
            errors.put("note", "Use no more than " + NOTE_MAX + " characters");
        } else if (trimmed != null && !trimmed.replaceAll("\r?\n", "").matches(NOTE_TEXT)) {
            errors.put("note", "Use plain text: letters, digits, punctuation and line breaks");
        }
        return new ReviewForm(disposition, condition, trimmed, errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    Disposition chosenDisposition() {
        return parse(Disposition.class, disposition).orElseThrow();
    }

    ReviewedCondition chosenCondition() {
        return parse(ReviewedCondition.class, condition).orElseThrow();
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(value)).findFirst();
    }

    /** Never print the note. */
    @Override
    public String toString() {
        return "ReviewForm[disposition=" + disposition + ", condition=" + condition + ", errors=" + errors.keySet()
                + ", note redacted]";
    }
}
