package clinic.intake.report;

import java.util.UUID;

/**
 * Body of {@code GET /internal/v1/patient-contacts/{reportId}}, and an item of a lookup's answer: where to send a
 * patient's email, and whether it may carry health details. No name: the clinic's emails quote nothing the submitter typed (issue 12, finding 4).
 *
 * @param emailConfirmed   the address is the submitter's own (their issuer vouched for it, or they confirmed it
 *                         through a link) or a clinic integration sent it from its records
 * @param confirmationPath where the submitter confirms the address, relative to intake's public address; null
 *                         when it is confirmed or nobody can confirm it (a report stored before owners were kept)
 */
record PatientContact(UUID reportId, String email, boolean emailConfirmed, String confirmationPath) {

    /** Never print patient data, not even by accident in a log line. */
    @Override
    public String toString() {
        return "PatientContact[reportId=" + reportId + ", emailConfirmed=" + emailConfirmed + ", redacted]";
    }
}
