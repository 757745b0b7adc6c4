package clinic.intake.report;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Report ids as they appear in paths: only the canonical 36-character UUID form is one. */
final class ReportIds {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ReportIds() {
    }

    /** {@code UUID.fromString} accepts odd forms such as {@code 1-1-1-1-1}; those are not report ids. */
    static Optional<UUID> parse(String text) {
        return CANONICAL_UUID.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }
}
