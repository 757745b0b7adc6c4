package clinic.fhir;

/**
 * One thing wrong with a QuestionnaireResponse: the FHIRPath expression of the offending element (it names
 * the item's linkId, e.g. {@code QuestionnaireResponse.item.where(linkId='painScore')}), the linkId itself
 * (null for resource-level problems), and a message that quotes no answer, so it is safe to log.
 */
public record ResponseIssue(String expression, String linkId, String message) {
}
