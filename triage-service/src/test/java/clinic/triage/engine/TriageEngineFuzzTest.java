package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;
import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the rules engine with arbitrary answers, inside and outside the intake contract. In the default
 * build this runs the committed seeds in {@code TriageEngineFuzzTestInputs/anyAnswers} (plus an empty input:
 * no answers at all); with {@code JAZZER_FUZZ=1} Jazzer mutates them for real.
 */
class TriageEngineFuzzTest {

    private static final TriageEngine ENGINE = TriageEngine.standard();
    /** For each red flag, the least urgent disposition a rule raising it proposes. */
    private static final Map<RedFlag, Disposition> FLAG_FLOOR = flagFloor();

    @FuzzTest(maxDuration = "30s")
    void anyAnswersGetASafeDeterministicDecision(FuzzedDataProvider data) {
        int[] values = data.remainingBytes() == 0 ? null : values(data);
        IntakeAnswers answers = values == null ? null : GeneratedReports.answers(values);

        TriageOutcome outcome = ENGINE.evaluate(answers);

        assertThat(outcome).isNotNull();
        assertThat(outcome.disposition()).isNotNull();
        assertThat(outcome.ruleset()).isEqualTo(ENGINE.ruleset().ref());
        for (FiredRule fired : outcome.rulesFired()) {
            assertThat(fired.disposition().isMoreUrgentThan(outcome.disposition()))
                    .as("rule %s proposes %s but the decision is %s", fired.ruleId(), fired.disposition(),
                            outcome.disposition())
                    .isFalse();
        }
        for (RedFlag flag : outcome.redFlags()) {
            assertThat(FLAG_FLOOR).containsKey(flag);
            assertThat(FLAG_FLOOR.get(flag).isMoreUrgentThan(outcome.disposition()))
                    .as("red flag %s reported with decision %s", flag, outcome.disposition())
                    .isFalse();
        }

        boolean failSafeFired = outcome.rulesFired().stream().anyMatch(r -> FailSafe.RULE_ID.equals(r.ruleId()));
        if (values == null || outsideContract(values)) {
            assertThat(outcome.disposition().needsUrgentReview())
                    .as("answers outside the contract must go to a clinician, got %s", outcome.disposition())
                    .isTrue();
            assertThat(failSafeFired).isTrue();
            assertThat(outcome.selfCarePlan()).isNull();
        } else {
            // the standard ruleset classifies every report the contract allows, without failing
            assertThat(failSafeFired).as("fail-safe on answers within the contract: %s", outcome.rulesFired())
                    .isFalse();
            assertThat(outcome.likelyConditions()).hasSize(Condition.values().length);
            if (!outcome.disposition().needsUrgentReview()) {
                assertThat(outcome.selfCarePlan()).isNotNull();
            }
        }

        assertThat(ENGINE.evaluate(answers)).as("same answers twice").isEqualTo(outcome);
    }

    /**
     * One value per answer, in {@link Fields#ALL} order: yes/no as 0/1, numbers mostly in range but
     * sometimes any int at all, choices including "missing" (-1), multiple choices as any bit mask.
     */
    static int[] values(FuzzedDataProvider data) {
        int[] values = new int[Fields.ALL.size()];
        for (Field<?> field : Fields.ALL) {
            values[AnswerValues.index(field)] = switch (field.kind()) {
                case YES_NO -> data.consumeBoolean() ? 1 : 0;
                case NUMBER -> data.consumeBoolean() ? data.consumeInt() : data.consumeInt(field.min(), field.max());
                case CHOICE -> data.consumeInt(AnswerValues.MISSING, field.max());
                case CHOICES -> data.consumeInt(0, (1 << field.choices().size()) - 1);
            };
        }
        return values;
    }

    /** Worked out here from the field definitions, not with the engine's own contract check. */
    private static boolean outsideContract(int[] values) {
        for (Field<?> field : Fields.ALL) {
            int value = values[AnswerValues.index(field)];
            if (field.kind() == Field.Kind.NUMBER && (value < field.min() || value > field.max())) {
                return true;
            }
            if (field.kind() == Field.Kind.CHOICE && value == AnswerValues.MISSING) {
                return true;
            }
        }
        return false;
    }

    private static Map<RedFlag, Disposition> flagFloor() {
        Map<RedFlag, Disposition> floor = new EnumMap<>(RedFlag.class);
        for (Rule rule : HeelPainRules.rules()) {
            if (rule.redFlag() != null) {
                floor.merge(rule.redFlag(), rule.disposition(),
                        (a, b) -> a.isMoreUrgentThan(b) ? b : a);
            }
        }
        return floor;
    }
}
