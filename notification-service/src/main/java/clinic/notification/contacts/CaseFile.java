package clinic.notification.contacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A report's case file as intake answers it: who to contact and the answers in the form's words. Patient data:
 * fetched when a clinician opens the case page, shown there, never stored, never logged ({@link #toString()}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseFile(UUID reportId, Instant submittedAt, Patient patient, List<Answer> answers) {

    /** The clinic patient number, name, email and, where the patient gave one, phone (E.164). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Patient(String externalId, String name, String email, String phone) {

        @Override
        public String toString() {
            return "Patient[redacted]";
        }
    }

    /** A question as the patient read it, and their answer in words. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Answer(String question, String answer) {
    }

    public CaseFile {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    @Override
    public String toString() {
        return "CaseFile[reportId=" + reportId + ", redacted]";
    }
}
