package clinic.triage.engine;

import clinic.events.ClinicTopics;
import clinic.events.EventCodec;
import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.Symptom;
import clinic.events.intake.Trend;
import clinic.events.triage.FiredRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy's principles, checked over many generated reports (fixed seed, so failures reproduce). */
class PolicyPropertiesTest {

    private static final TriageEngine ENGINE = TriageEngine.standard();

    @Test
    void aWorseAnswerNeverMakesTheDispositionLessUrgent() {
        Random random = new Random(20260428);
        List<UnaryOperator<IntakeAnswers>> worsenings = List.of(
                a -> copy(a, a.painScore() < 10 ? a.painScore() + 1 : 10, a.painAtRest(), a.trend()),
                a -> copy(a, a.painScore(), a.painAtRest() == PainAtRest.NONE ? PainAtRest.MILD : PainAtRest.SIGNIFICANT,
                        a.trend()),
                a -> copy(a, a.painScore(), a.painAtRest(), Trend.WORSENING));
        for (int i = 0; i < 3000; i++) {
            IntakeAnswers answers = random(random);
            TriageOutcome before = ENGINE.evaluate(answers);
            for (UnaryOperator<IntakeAnswers> worse : worsenings) {
                assertNotLessUrgent(before, ENGINE.evaluate(worse.apply(answers)), answers);
            }
            for (Symptom symptom : Symptom.values()) {
                assertNotLessUrgent(before, ENGINE.evaluate(withSymptom(answers, symptom)), answers);
            }
        }
    }

    @Test
    void everyDecisionIsConsistentAndFitsTheEventSchema() {
        Random random = new Random(7);
        EventCodec codec = new EventCodec("/clinic/triage-service");
        for (int i = 0; i < 300; i++) {
            TriageOutcome outcome = ENGINE.evaluate(random(random));

            assertThat(outcome.selfCarePlan() == null).isEqualTo(outcome.disposition().needsUrgentReview());
            assertThat(outcome.rulesFired().stream().map(FiredRule::disposition)
                    .reduce(clinic.events.triage.Disposition.SELF_CARE,
                            clinic.events.triage.Disposition::mostUrgent)).isEqualTo(outcome.disposition());
            assertThat(outcome.likelyConditions()).hasSize(5);
            UUID reportId = UUID.randomUUID();
            Instant now = Instant.parse("2026-05-01T08:00:00Z");
            codec.encode(ClinicTopics.TRIAGE_DECISIONS, reportId, outcome.toDecision(reportId, now), now);
            if (outcome.disposition().needsUrgentReview()) {
                codec.encode(ClinicTopics.URGENT_REVIEWS, reportId, outcome.toUrgentReview(reportId, now), now);
            }
        }
    }

    private static void assertNotLessUrgent(TriageOutcome before, TriageOutcome after, IntakeAnswers answers) {
        assertThat(before.disposition().isMoreUrgentThan(after.disposition()))
                .as("worsening %s went from %s to %s", answers, before.disposition(), after.disposition())
                .isFalse();
        assertThat(after.redFlags()).as("flags of %s", answers).containsAll(before.redFlags());
    }

    private static IntakeAnswers random(Random r) {
        return new IntakeAnswers(1 + r.nextInt(90), r.nextInt(8) == 0, pick(r, PainLocation.values()),
                subset(r, PainQuality.class), r.nextInt(3) == 0 ? subset(r, Symptom.class) : Set.of(),
                r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), pick(r, PainAtRest.values()), r.nextInt(11),
                pick(r, Trend.values()), r.nextInt(6) == 0, r.nextInt(6) != 0, r.nextInt(5) != 0, r.nextInt(6) == 0,
                r.nextBoolean(), r.nextInt(15) == 0, subset(r, LoadChange.class), r.nextInt(200), r.nextInt(8),
                r.nextBoolean());
    }

    private static IntakeAnswers copy(IntakeAnswers a, int painScore, PainAtRest painAtRest, Trend trend) {
        return new IntakeAnswers(a.ageYears(), a.hasDiabetes(), a.painLocation(), a.painQualities(), a.symptoms(),
                a.worstOnFirstStepsAfterRest(), a.easesOnceMoving(), a.worseWithActivity(), painAtRest, painScore,
                trend, a.worseningDespiteReducedLoad(), a.canWalkNormally(), a.canRunNormally(),
                a.painOnSqueezingHeelSides(), a.tenderBackOfHeelToPressure(), a.suddenOnsetWithPopOrSnap(),
                a.recentLoadChanges(), a.symptomDurationDays(), a.weeksOfLoadReductionAndRehab(),
                a.returnsWhenRunningResumes());
    }

    private static IntakeAnswers withSymptom(IntakeAnswers a, Symptom symptom) {
        Set<Symptom> symptoms = EnumSet.of(symptom);
        symptoms.addAll(a.symptoms());
        return new IntakeAnswers(a.ageYears(), a.hasDiabetes(), a.painLocation(), a.painQualities(), symptoms,
                a.worstOnFirstStepsAfterRest(), a.easesOnceMoving(), a.worseWithActivity(), a.painAtRest(),
                a.painScore(), a.trend(), a.worseningDespiteReducedLoad(), a.canWalkNormally(), a.canRunNormally(),
                a.painOnSqueezingHeelSides(), a.tenderBackOfHeelToPressure(), a.suddenOnsetWithPopOrSnap(),
                a.recentLoadChanges(), a.symptomDurationDays(), a.weeksOfLoadReductionAndRehab(),
                a.returnsWhenRunningResumes());
    }

    private static <E> E pick(Random r, E[] values) {
        return values[r.nextInt(values.length)];
    }

    private static <E extends Enum<E>> Set<E> subset(Random r, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        for (E value : type.getEnumConstants()) {
            if (r.nextInt(4) == 0) {
                set.add(value);
            }
        }
        return set;
    }
}
