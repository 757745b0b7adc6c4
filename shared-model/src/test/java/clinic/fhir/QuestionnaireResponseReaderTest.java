package clinic.fhir;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionnaireResponseReaderTest {

    static Map<String, Object> plantarPain() {
        Map<String, Object> values = new HashMap<>();
        values.put("patient.externalId", "P-1");
        values.put("patient.name", "Ann Example");
        values.put("patient.email", "ann@example.org");
        values.put("ageYears", 41);
        values.put("hasDiabetes", false);
        values.put("painLocation", "BOTTOM_INNER_HEEL");
        values.put("painQualities", List.of("SHARP", "ACHING"));
        values.put("symptoms", List.of());
        values.put("worstOnFirstStepsAfterRest", true);
        values.put("easesOnceMoving", true);
        values.put("worseWithActivity", false);
        values.put("painAtRest", "NONE");
        values.put("painScore", 5);
        values.put("trend", "STABLE");
        values.put("worseningDespiteReducedLoad", false);
        values.put("canWalkNormally", true);
        values.put("canRunNormally", true);
        values.put("painOnSqueezingHeelSides", false);
        values.put("tenderBackOfHeelToPressure", false);
        values.put("suddenOnsetWithPopOrSnap", false);
        values.put("recentLoadChanges", List.of("MILEAGE"));
        values.put("symptomDurationDays", 10);
        values.put("weeksOfLoadReductionAndRehab", 0);
        values.put("returnsWhenRunningResumes", false);
        return values;
    }

    private static final IntakeAnswers PLANTAR = new IntakeAnswers(41, false, PainLocation.BOTTOM_INNER_HEEL,
            Set.of(PainQuality.SHARP, PainQuality.ACHING), Set.of(), true, true, false, PainAtRest.NONE, 5,
            Trend.STABLE, false, true, true, false, false, false, Set.of(LoadChange.MILEAGE), 10, 0, false);

    @ParameterizedTest(name = "grouped={0}")
    @ValueSource(booleans = {false, true})
    void readsWhatTheWriterWroteFlatOrGrouped(boolean grouped) {
        IntakeResponse read = QuestionnaireResponseReader.read(QuestionnaireResponseWriter.write(plantarPain(), grouped));

        assertThat(read.issues()).isEmpty();
        assertThat(read.answers()).isEqualTo(PLANTAR);
        assertThat(read.text("patient.email")).contains("ann@example.org");
        assertThat(read.text("patient.phone")).isEmpty();
    }

    @Test
    void everyContractFieldHasExactlyOneItem() {
        assertThat(HeelPainIntake.ITEMS).extracting(IntakeItem::linkId).doesNotHaveDuplicates()
                .containsAll(List.of("patient.externalId", "patient.name", "patient.email", "patient.phone"))
                .hasSize(IntakeAnswers.class.getRecordComponents().length + 4);
        assertThat(HeelPainIntake.item("symptoms").orElseThrow().codeValues())
                .containsExactly("NUMBNESS", "TINGLING", "SWELLING", "BRUISING", "FEVER");
        assertThat(HeelPainIntake.item("symptoms").orElseThrow().codeSystem())
                .isEqualTo(HeelPainIntake.BASE + "/CodeSystem/symptom");
        assertThat(HeelPainIntake.item("painAtRest").orElseThrow().codeSystem()).endsWith("/CodeSystem/pain-at-rest");
    }

    @Test
    void reportsEveryBadItemByLinkIdWithoutQuotingTheAnswer() {
        Map<String, Object> values = plantarPain();
        values.remove("ageYears");
        values.put("painScore", 11);
        QuestionnaireResponse response = QuestionnaireResponseWriter.write(values, false);
        item(response, "painLocation").getAnswerFirstRep().setValue(new Coding(
                HeelPainIntake.codeSystem(PainLocation.class), "TOES", null));
        item(response, "hasDiabetes").getAnswerFirstRep().setValue(new StringType("secret words"));
        item(response, "trend").addAnswer().setValue(new Coding(HeelPainIntake.codeSystem(Trend.class), "STABLE", null));
        response.addItem().setLinkId("favouriteColour").addAnswer().setValue(new IntegerType(3));

        IntakeResponse read = QuestionnaireResponseReader.read(response);

        assertThat(read.isValid()).isFalse();
        assertThat(read.issues()).extracting(ResponseIssue::linkId).containsExactlyInAnyOrder("ageYears",
                "painScore", "painLocation", "hasDiabetes", "trend", "favouriteColour");
        assertThat(read.issues()).extracting(ResponseIssue::expression)
                .contains("QuestionnaireResponse.item.where(linkId='ageYears')",
                        "QuestionnaireResponse.item.where(linkId='painScore').answer[0]");
        assertThat(read.issues()).allSatisfy(issue -> assertThat(issue.message()).doesNotContain("secret"));
        assertThat(read.issues()).filteredOn(issue -> issue.type() == OperationOutcome.IssueType.REQUIRED)
                .extracting(ResponseIssue::linkId).containsExactly("ageYears");
    }

    @Test
    void refusesAnotherQuestionnaireAnUnfinishedResponseAndFieldsOutsideTheirGroup() {
        QuestionnaireResponse response = QuestionnaireResponseWriter.write(plantarPain(), true);
        response.setQuestionnaire("https://elsewhere.example/Questionnaire/foot");
        response.setStatus(QuestionnaireResponseStatus.INPROGRESS);
        QuestionnaireResponseItemComponent aboutYou = response.getItemFirstRep();
        aboutYou.addItem().setLinkId("painScore").addAnswer().setValue(new IntegerType(4));

        IntakeResponse read = QuestionnaireResponseReader.read(response);

        assertThat(read.issues()).extracting(ResponseIssue::expression).contains(
                "QuestionnaireResponse.questionnaire", "QuestionnaireResponse.status",
                "QuestionnaireResponse.item.where(linkId='about-you').item.where(linkId='painScore')");
    }

    @Test
    void aSetLeftUnansweredIsEmptyButARequiredItemIsNot() {
        Map<String, Object> values = plantarPain();
        values.put("painQualities", List.of());
        values.put("patient.name", null);

        IntakeResponse read = QuestionnaireResponseReader.read(QuestionnaireResponseWriter.write(values, true));

        assertThat(read.issues()).extracting(ResponseIssue::linkId).containsExactly("patient.name");
        values.put("patient.name", "Ann");
        assertThat(QuestionnaireResponseReader.read(QuestionnaireResponseWriter.write(values, true)).answers()
                .painQualities()).isEmpty();
    }

    private static QuestionnaireResponseItemComponent item(QuestionnaireResponse response, String linkId) {
        return response.getItem().stream().filter(item -> item.getLinkId().equals(linkId)).findFirst().orElseThrow();
    }
}
