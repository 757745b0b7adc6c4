package clinic.events;

import clinic.events.intake.IntakeAnswers;
import clinic.events.intake.LoadChange;
import clinic.events.intake.PainAtRest;
import clinic.events.intake.PainLocation;
import clinic.events.intake.PainQuality;
import clinic.events.intake.SymptomReportSubmitted;
import clinic.events.intake.Trend;
import clinic.events.review.ReviewCompleted;
import clinic.events.review.ReviewedCondition;
import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.events.triage.RedFlag;
import clinic.events.triage.RulesetRef;
import clinic.events.triage.SelfCarePlan;
import clinic.events.triage.TriageDecisionMade;
import clinic.events.triage.UrgentReviewRequested;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

final class SampleEvents {

    static final UUID REPORT_ID = UUID.fromString("7d0c6a52-6f7e-4a53-9c2a-0d6c1f0b9e11");
    static final Instant TIME = Instant.parse("2026-11-25T10:15:30Z");
    static final RulesetRef RULESET = new RulesetRef("heel-pain", "1.0.0", "a".repeat(64));

    private SampleEvents() {
    }

    static SymptomReportSubmitted report() {
        IntakeAnswers answers = new IntakeAnswers(41, false, PainLocation.BOTTOM_INNER_HEEL, Set.of(PainQuality.SHARP),
                Set.of(), true, true, false, PainAtRest.NONE, 5, Trend.STABLE, false, true, true, false, false,
                false, Set.of(LoadChange.MILEAGE), 10, 0, false);
        return new SymptomReportSubmitted(REPORT_ID, TIME, answers);
    }

    static TriageDecisionMade selfCareDecision() {
        SelfCarePlan plan = new SelfCarePlan("Likely plantar heel pain", List.of("Reduce painful miles for a while"),
                List.of("Numbness or tingling"), "Contact the clinic", "Most cases settle over weeks",
                "Re-check in 2 weeks");
        return new TriageDecisionMade(REPORT_ID, Disposition.SELF_CARE, List.of(),
                List.of(new LikelyCondition(Condition.PLANTAR_HEEL_PAIN, 5, List.of("+ bottom or inner heel"))),
                List.of(), plan, RULESET, TIME);
    }

    static ReviewCompleted reviewCompleted(Condition rulesTopCondition) {
        return new ReviewCompleted(REPORT_ID, RULESET, Disposition.URGENT_REVIEW, rulesTopCondition,
                Disposition.EMERGENCY, ReviewedCondition.CALCANEAL_STRESS_FRACTURE, "dr-lee", TIME);
    }

    static UrgentReviewRequested urgentReview() {
        FiredRule fever = new FiredRule("RF-FEVER", Disposition.URGENT_REVIEW, List.of("symptoms has FEVER"),
                "Feelwell article: get assessed sooner if heel pain comes with fever");
        return new UrgentReviewRequested(REPORT_ID, Disposition.URGENT_REVIEW, List.of(RedFlag.FEVER), List.of(fever),
                RULESET, TIME);
    }
}
