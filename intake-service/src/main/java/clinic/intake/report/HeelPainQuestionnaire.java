package clinic.intake.report;

import clinic.fhir.HeelPainIntake;
import clinic.fhir.IntakeItem;
import clinic.intake.report.IntakeQuestions.Section;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.ValueSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intake form as a FHIR R4 Questionnaire: the groups and answer rules of the contract (shared-model's
 * {@link HeelPainIntake}) worded as the web form words them ({@link IntakeQuestions}). Built once; both sides
 * are checked against each other here, so the form, the JSON API and the Questionnaire cannot drift apart.
 */
final class HeelPainQuestionnaire {

    static final String MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
    static final String MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";
    static final String ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
    static final String HELP_SUFFIX = ".help";
    /** The date of this version of the Questionnaire (and of its value sets' expansions). */
    static final Date VERSION_DATE = Date.from(Instant.parse("2026-12-06T00:00:00Z"));

    private HeelPainQuestionnaire() {
    }

    static Questionnaire build() {
        Questionnaire questionnaire = new Questionnaire();
        questionnaire.setId(HeelPainIntake.QUESTIONNAIRE_ID);
        questionnaire.setUrl(HeelPainIntake.URL);
        questionnaire.setVersion(HeelPainIntake.VERSION);
        questionnaire.setName("HeelPainIntake");
        questionnaire.setTitle("Heel pain after running: intake");
        questionnaire.setStatus(PublicationStatus.ACTIVE);
        questionnaire.setPublisher("Heel-pain clinic");
        questionnaire.setDate(VERSION_DATE);
        questionnaire.addSubjectType("Patient");
        questionnaire.setDescription("What a runner with heel pain tells the clinic before triage. Each item's "
                + "linkId is the field name of the clinic's JSON intake API.");
        Map<Class<? extends Enum<?>>, ValueSet> valueSets = new LinkedHashMap<>();
        List<Section> sections = IntakeQuestions.SECTIONS;
        List<Map.Entry<String, List<String>>> groups = new ArrayList<>(HeelPainIntake.GROUPS.entrySet());
        if (sections.size() != groups.size()) {
            throw new IllegalStateException("the form has " + sections.size() + " sections, the contract "
                    + groups.size() + " groups");
        }
        for (int i = 0; i < groups.size(); i++) {
            questionnaire.addItem(group(groups.get(i).getKey(), groups.get(i).getValue(), sections.get(i), valueSets));
        }
        valueSets.values().forEach(questionnaire::addContained);
        return questionnaire;
    }

    private static QuestionnaireItemComponent group(String linkId, List<String> linkIds, Section section,
                                                    Map<Class<? extends Enum<?>>, ValueSet> valueSets) {
        List<String> asked = section.questions().stream().map(Question::name).toList();
        if (!asked.equals(linkIds)) {
            throw new IllegalStateException("section '" + section.title() + "' asks " + asked
                    + " but the contract's group '" + linkId + "' holds " + linkIds);
        }
        QuestionnaireItemComponent group = new QuestionnaireItemComponent().setLinkId(linkId)
                .setText(section.title()).setType(QuestionnaireItemType.GROUP);
        // a group is required when any of its questions is, so an answered form always has it
        group.setRequired(linkIds.stream().anyMatch(id -> HeelPainIntake.item(id).orElseThrow().required()));
        for (Question question : section.questions()) {
            group.addItem(question(HeelPainIntake.item(question.name()).orElseThrow(), question, valueSets));
        }
        return group;
    }

    private static QuestionnaireItemComponent question(IntakeItem item, Question words,
                                                       Map<Class<? extends Enum<?>>, ValueSet> valueSets) {
        QuestionnaireItemComponent question = new QuestionnaireItemComponent().setLinkId(item.linkId())
                .setText(words.label()).setType(QuestionnaireItemType.fromCode(item.type().fhirCode()))
                .setRequired(item.required()).setRepeats(item.repeats());
        switch (item.type()) {
            case INTEGER -> {
                question.addExtension(new Extension(MIN_VALUE, new IntegerType(item.minValue())));
                question.addExtension(new Extension(MAX_VALUE, new IntegerType(item.maxValue())));
            }
            case STRING -> question.setMaxLength(words.max());
            case CHOICE -> {
                ValueSet valueSet = valueSets.computeIfAbsent(item.codes(), codes -> valueSet(item, words));
                question.setAnswerValueSet("#" + valueSet.getIdElement().getIdPart());
            }
            case BOOLEAN -> {
                // yes or no: FHIR's boolean answer, no value set needed
            }
        }
        if (words.hint() != null) {
            question.addItem(help(item.linkId(), words.hint()));
        }
        return question;
    }

    /**
     * The code systems of the Questionnaire's choices (the contract's enums, worded as the form words them), so
     * that a validator can check a response's codes without a terminology server.
     */
    static List<CodeSystem> codeSystems() {
        Map<String, CodeSystem> systems = new LinkedHashMap<>();
        for (IntakeItem item : HeelPainIntake.ITEMS) {
            if (item.type() == IntakeItem.Type.CHOICE) {
                systems.computeIfAbsent(item.codeSystem(), url -> codeSystem(item,
                        IntakeQuestions.question(item.linkId())));
            }
        }
        return List.copyOf(systems.values());
    }

    private static CodeSystem codeSystem(IntakeItem item, Question words) {
        CodeSystem system = new CodeSystem();
        system.setId(HeelPainIntake.valueSetId(item.codes()));
        system.setUrl(item.codeSystem());
        system.setVersion(HeelPainIntake.VERSION);
        system.setName(item.codes().getSimpleName());
        system.setStatus(PublicationStatus.ACTIVE);
        system.setDate(VERSION_DATE);
        system.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        system.setCaseSensitive(true);
        words.options().forEach(option -> system.addConcept().setCode(option.value()).setDisplay(option.label()));
        return system;
    }

    /** The enum's codes with the form's words as display, pre-expanded so no terminology server is needed. */
    private static ValueSet valueSet(IntakeItem item, Question words) {
        ValueSet valueSet = new ValueSet();
        valueSet.setId(HeelPainIntake.valueSetId(item.codes()));
        valueSet.setUrl(HeelPainIntake.BASE + "/ValueSet/" + HeelPainIntake.valueSetId(item.codes()));
        valueSet.setStatus(PublicationStatus.ACTIVE);
        ValueSet.ConceptSetComponent include = valueSet.getCompose().addInclude().setSystem(item.codeSystem());
        ValueSet.ValueSetExpansionComponent expansion = valueSet.getExpansion()
                .setTimestamp(VERSION_DATE).setTotal(words.options().size());
        for (Question.Option option : words.options()) {
            include.addConcept().setCode(option.value()).setDisplay(option.label());
            expansion.addContains().setSystem(item.codeSystem()).setCode(option.value()).setDisplay(option.label());
        }
        return valueSet;
    }

    private static QuestionnaireItemComponent help(String linkId, String hint) {
        QuestionnaireItemComponent help = new QuestionnaireItemComponent().setLinkId(linkId + HELP_SUFFIX)
                .setText(hint).setType(QuestionnaireItemType.DISPLAY);
        help.addExtension(new Extension(ITEM_CONTROL, new CodeableConcept(new Coding(
                "http://hl7.org/fhir/questionnaire-item-control", "help", "Help-Button"))));
        return help;
    }
}
