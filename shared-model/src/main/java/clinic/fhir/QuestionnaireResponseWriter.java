package clinic.fhir;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes intake answers as a completed QuestionnaireResponse to the heel-pain Questionnaire: the reverse of
 * {@link QuestionnaireResponseReader}. Values are given by linkId in their JSON-contract form (Boolean, a
 * number, a String, an enum constant or its name, a collection of those for the sets); an empty set is left
 * unanswered, as FHIR does for "none of these".
 */
public final class QuestionnaireResponseWriter {

    private QuestionnaireResponseWriter() {
    }

    /** @param grouped true to nest the items in the Questionnaire's groups, false to answer them flat */
    public static QuestionnaireResponse write(Map<String, ?> valuesByLinkId, boolean grouped) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(HeelPainIntake.URL + "|" + HeelPainIntake.VERSION);
        response.setStatus(QuestionnaireResponseStatus.COMPLETED);
        for (Map.Entry<String, List<String>> group : HeelPainIntake.GROUPS.entrySet()) {
            QuestionnaireResponseItemComponent groupItem = new QuestionnaireResponseItemComponent()
                    .setLinkId(group.getKey());
            for (String linkId : group.getValue()) {
                Object value = valuesByLinkId.get(linkId);
                if (value == null) {
                    continue;
                }
                QuestionnaireResponseItemComponent answered = answered(HeelPainIntake.item(linkId).orElseThrow(), value);
                if (answered.hasAnswer()) {
                    (grouped ? groupItem.getItem() : response.getItem()).add(answered);
                }
            }
            if (grouped && groupItem.hasItem()) {
                response.addItem(groupItem);
            }
        }
        return response;
    }

    private static QuestionnaireResponseItemComponent answered(IntakeItem item, Object value) {
        QuestionnaireResponseItemComponent answered = new QuestionnaireResponseItemComponent()
                .setLinkId(item.linkId());
        Collection<?> each = value instanceof Collection<?> many ? many : List.of(value);
        for (Object one : each) {
            answered.addAnswer().setValue(typed(item, one));
        }
        return answered;
    }

    private static Type typed(IntakeItem item, Object value) {
        return switch (item.type()) {
            case BOOLEAN -> new BooleanType((Boolean) value);
            case INTEGER -> new IntegerType(((Number) value).intValue());
            case STRING -> new StringType(value.toString());
            case CHOICE -> new Coding(item.codeSystem(), value instanceof Enum<?> constant ? constant.name()
                    : value.toString(), null);
        };
    }
}
