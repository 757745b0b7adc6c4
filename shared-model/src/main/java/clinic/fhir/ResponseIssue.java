package clinic.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One thing wrong with a QuestionnaireResponse: the FHIRPath expression of the offending element (it names
 * the item's linkId, e.g. {@code QuestionnaireResponse.item.where(linkId='painScore')}), the linkId itself
 * (null for resource-level problems), a message that quotes no answer, so it is safe to log, and the FHIR issue
 * type: {@code required} for a missing answer, {@code invalid} for one that is there but wrong.
 */
public record ResponseIssue(String expression, String linkId, String message, IssueType type) {

    /** An answer, or the resource itself, that is there but wrong. */
    public ResponseIssue(String expression, String linkId, String message) {
        this(expression, linkId, message, IssueType.INVALID);
    }
}
