package clinic.notification.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Words for the pages: enum constants as people write them, and times and spans of time as a clinician reads them.
 * Public for the templates ({@code T(clinic.notification.pages.Labels).time(...)}).
 */
public final class Labels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Labels() {
    }

    /** {@code SIGNIFICANT_REST_PAIN} -> "Significant rest pain". */
    public static String of(Enum<?> value) {
        if (value == null) {
            return "";
        }
        String words = value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** "45 s", "12 min", "3 h 05 min", "2 d 4 h": precise where minutes matter, short where they do not. */
    public static String span(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return String.format(Locale.ROOT, "%d h %02d min", hours, minutes % 60);
        }
        return hours / 24 + " d " + hours % 24 + " h";
    }

    /** "6 Dec 2026, 03:40 UTC"; empty for no time. */
    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
