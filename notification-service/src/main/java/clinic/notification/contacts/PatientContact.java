package clinic.notification.contacts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * A patient's contact as intake-service answers it. Held only while one email is sent: never stored,
 * never logged ({@link #toString()} leaves the address and the confirmation path, whose token confirms the
 * address, out so a stray log line cannot leak them).
 * <p>
 * {@code emailConfirmed} says whether intake vouches that the address belongs to the person who reported:
 * anyone can type someone else's address into a report. Only then may an email carry the report's health
 * content. {@code confirmationPath} is the path of the link that confirms the address, on intake's public
 * base URL, and only ever present while it is unconfirmed (it may be absent then too).
 * <p>
 * Unknown properties are ignored: an older intake still sends the patient's {@code name}, which no email uses
 * any more (it was free text from the report).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PatientContact(UUID reportId, String email, boolean emailConfirmed, String confirmationPath) {

    /** A missing or null {@code emailConfirmed} (an older intake) counts as unconfirmed: the safe side. */
    @JsonCreator
    static PatientContact fromIntake(@JsonProperty("reportId") UUID reportId, @JsonProperty("email") String email,
                                     @JsonProperty("emailConfirmed") Boolean emailConfirmed,
                                     @JsonProperty("confirmationPath") String confirmationPath) {
        return new PatientContact(reportId, email, Boolean.TRUE.equals(emailConfirmed), confirmationPath);
    }

    @Override
    public String toString() {
        return "PatientContact[reportId=" + reportId + ", emailConfirmed=" + emailConfirmed + "]";
    }
}
