package clinic.fhir;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a QuestionnaireResponse against the heel-pain Questionnaire: the response must name the
 * Questionnaire, be completed (or amended), answer every required item exactly once with the item's type, use
 * only the codes of a choice's value set, keep numbers within the item's minValue/maxValue, and answer items
 * either flat or inside the Questionnaire's own groups. Every problem is reported, each with an expression
 * that names the item's linkId; none quotes the answer (patients' words stay out of errors and logs).
 */
public final class QuestionnaireResponseReader {

    private static final String ROOT = "QuestionnaireResponse";

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<ResponseIssue> issues = new ArrayList<>();

    private QuestionnaireResponseReader() {
    }

    public static IntakeResponse read(QuestionnaireResponse response) {
        QuestionnaireResponseReader reader = new QuestionnaireResponseReader();
        reader.readResource(response);
        return new IntakeResponse(reader.values, reader.issues);
    }

    private void readResource(QuestionnaireResponse response) {
        if (!HeelPainIntake.isThisQuestionnaire(response.getQuestionnaire())) {
            issues.add(new ResponseIssue(ROOT + ".questionnaire", null,
                    "must be " + HeelPainIntake.URL + " (optionally with |" + HeelPainIntake.VERSION + ")"));
        }
        QuestionnaireResponseStatus status = response.getStatus();
        if (status != QuestionnaireResponseStatus.COMPLETED && status != QuestionnaireResponseStatus.AMENDED) {
            issues.add(new ResponseIssue(ROOT + ".status", null, "must be completed or amended"));
        }
        readItems(response.getItem(), ROOT, null);
        for (IntakeItem item : HeelPainIntake.ITEMS) {
            if (item.required() && !values.containsKey(item.linkId()) && !reported(item.linkId())) {
                issues.add(new ResponseIssue(expression(ROOT, item.linkId()), item.linkId(),
                        "required item '" + item.linkId() + "' is not answered", IssueType.REQUIRED));
            }
        }
    }

    /** Items at one level: fields answered here, or the Questionnaire's groups (only at the top level). */
    private void readItems(List<QuestionnaireResponseItemComponent> items, String path, String group) {
        for (QuestionnaireResponseItemComponent item : items) {
            String linkId = item.getLinkId();
            String at = expression(path, linkId);
            Optional<IntakeItem> field = HeelPainIntake.item(linkId == null ? "" : linkId);
            if (field.isPresent()) {
                if (group != null && !HeelPainIntake.GROUPS.get(group).contains(linkId)) {
                    issues.add(new ResponseIssue(at, linkId, "item '" + linkId + "' is not in group '" + group + "'"));
                } else if (item.hasItem()) {
                    issues.add(new ResponseIssue(at, linkId, "item '" + linkId + "' is a question, not a group"));
                } else {
                    readField(field.get(), item.getAnswer(), at);
                }
            } else if (group == null && HeelPainIntake.GROUPS.containsKey(linkId)) {
                if (item.hasAnswer()) {
                    issues.add(new ResponseIssue(at, linkId, "group '" + linkId + "' takes no answer"));
                }
                readItems(item.getItem(), at, linkId);
            } else {
                issues.add(new ResponseIssue(at, linkId, "unknown linkId '" + linkId + "'"));
            }
        }
    }

    private void readField(IntakeItem field, List<QuestionnaireResponseItemAnswerComponent> answers, String at) {
        String linkId = field.linkId();
        if (values.containsKey(linkId) || reported(linkId)) {
            issues.add(new ResponseIssue(at, linkId, "item '" + linkId + "' is answered more than once"));
            return;
        }
        if (answers.isEmpty()) {
            if (field.required()) {
                issues.add(new ResponseIssue(at, linkId, "required item '" + linkId + "' has no answer",
                        IssueType.REQUIRED));
            }
            return;
        }
        if (!field.repeats() && answers.size() > 1) {
            issues.add(new ResponseIssue(at, linkId, "item '" + linkId + "' takes one answer, not " + answers.size()));
            return;
        }
        if (answers.stream().anyMatch(QuestionnaireResponseItemAnswerComponent::hasItem)) {
            issues.add(new ResponseIssue(at + ".answer.item", linkId, "answers of '" + linkId + "' take no items"));
            return;
        }
        List<Object> read = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Object value = value(field, answers.get(i).getValue(), at + ".answer[" + i + "]");
            if (value == null) {
                return;
            }
            read.add(value);
        }
        if (field.repeats()) {
            Set<Object> distinct = new LinkedHashSet<>(read);
            if (distinct.size() != read.size()) {
                issues.add(new ResponseIssue(at, linkId, "item '" + linkId + "' repeats an answer"));
                return;
            }
            values.put(linkId, Set.copyOf(distinct));
        } else {
            values.put(linkId, read.get(0));
        }
    }

    /** The answer as the contract's Java value, or null after reporting why it cannot be. */
    private Object value(IntakeItem field, Type answer, String at) {
        String linkId = field.linkId();
        switch (field.type()) {
            case BOOLEAN -> {
                if (answer instanceof BooleanType yes && yes.getValue() != null) {
                    return yes.getValue();
                }
            }
            case INTEGER -> {
                if (answer instanceof IntegerType number && number.getValue() != null) {
                    int value = number.getValue();
                    if (value < field.minValue() || value > field.maxValue()) {
                        issues.add(new ResponseIssue(at, linkId, "'" + linkId + "' must be between "
                                + field.minValue() + " and " + field.maxValue()));
                        return null;
                    }
                    return value;
                }
            }
            case CHOICE -> {
                if (answer instanceof Coding coding) {
                    return code(field, coding, at);
                }
            }
            case STRING -> {
                if (answer instanceof StringType text && text.getValue() != null) {
                    return text.getValue();
                }
            }
        }
        issues.add(new ResponseIssue(at, linkId, "'" + linkId + "' needs a value" + valueName(field.type())));
        return null;
    }

    private Object code(IntakeItem field, Coding coding, String at) {
        Optional<? extends Enum<?>> constant = Arrays.stream(field.codes().getEnumConstants())
                .filter(value -> value.name().equals(coding.getCode())).findFirst();
        if (!field.codeSystem().equals(coding.getSystem()) || constant.isEmpty()) {
            issues.add(new ResponseIssue(at, field.linkId(), "'" + field.linkId() + "' takes a code of "
                    + field.codeSystem() + ": one of " + String.join(", ", field.codeValues())));
            return null;
        }
        return constant.get();
    }

    private static String valueName(IntakeItem.Type type) {
        return switch (type) {
            case BOOLEAN -> "Boolean";
            case INTEGER -> "Integer";
            case CHOICE -> "Coding";
            case STRING -> "String";
        };
    }

    private boolean reported(String linkId) {
        return issues.stream().anyMatch(issue -> linkId.equals(issue.linkId()));
    }

    private static String expression(String path, String linkId) {
        return path + ".item.where(linkId='" + (linkId == null ? "" : linkId.replace("'", "\\'")) + "')";
    }
}
