package clinic.triage.cds;

/**
 * The EHR's ids from the hook context, used only as references in a suggested resource: never stored, never logged.
 * Either may be null.
 */
record IntakeRefs(String patientId, String questionnaireResponseId) {
}
