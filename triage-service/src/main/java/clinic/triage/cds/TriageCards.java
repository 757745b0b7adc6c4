package clinic.triage.cds;

import clinic.events.triage.Condition;
import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.LikelyCondition;
import clinic.events.triage.RedFlag;
import clinic.events.triage.RulesetRef;
import clinic.triage.cds.CdsResponse.Card;
import clinic.triage.cds.CdsResponse.Coding;
import clinic.triage.cds.CdsResponse.Source;
import clinic.triage.cds.CdsResponse.Suggestion;
import clinic.triage.engine.TriageOutcome;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A triage outcome as the card a clinician sees in the EHR: the disposition in the summary and the indicator, the
 * reasons in the detail (red flags, each fired rule with its reasons and source, the ranked conditions with their
 * evidence), the ruleset version in the source. A self-care outcome also suggests sending its plan.
 */
final class TriageCards {

    static final String OVERRIDE_SYSTEM = "https://heel-pain-clinic.example/fhir/CodeSystem/cds-override-reason";
    /** The reasons a clinician may give for not following a card; feedback must use one of these codes. */
    static final List<Coding> OVERRIDE_REASONS = List.of(
            new Coding(OVERRIDE_SYSTEM, "clinical-judgement", "Clinical judgement differs"),
            new Coding(OVERRIDE_SYSTEM, "already-addressed", "Already addressed"),
            new Coding(OVERRIDE_SYSTEM, "patient-declined", "Patient declined"));
    static final Coding TOPIC = new Coding("https://heel-pain-clinic.example/fhir/CodeSystem/cds-topic",
            CdsPaths.SERVICE_ID, "Heel-pain triage");

    private final String rulesetUrl;
    private final SelfCareRequests plans;

    TriageCards(String rulesetUrl, SelfCareRequests plans) {
        this.rulesetUrl = rulesetUrl;
        this.plans = plans;
    }

    Card cardFor(TriageOutcome outcome, IntakeRefs refs) {
        List<Suggestion> suggestions = null;
        if (outcome.disposition() == Disposition.SELF_CARE && outcome.selfCarePlan() != null) {
            suggestions = List.of(new Suggestion("Send the self-care plan", UUID.randomUUID().toString(), true,
                    List.of(plans.createAction(outcome.selfCarePlan(), refs))));
        }
        return new Card(UUID.randomUUID().toString(), summary(outcome), indicator(outcome.disposition()),
                source(outcome.ruleset()), detail(outcome), suggestions, suggestions == null ? null : "any",
                OVERRIDE_REASONS);
    }

    /** At most 140 characters (CDS Hooks); the disposition and the top condition. */
    static String summary(TriageOutcome outcome) {
        String base = switch (outcome.disposition()) {
            case EMERGENCY -> "Emergency: heel pain with red flags – send to emergency care now";
            case URGENT_REVIEW -> "Urgent review: a clinician should assess this heel pain today";
            case ROUTINE_REVIEW -> "Routine review: book a clinician's assessment of this heel pain";
            case SELF_CARE -> "Self-care: heel pain suits a self-care plan with safety netting";
        };
        Condition top = outcome.topCondition();
        return top == null ? base : base + " (most likely " + words(top) + ")";
    }

    static String indicator(Disposition disposition) {
        return switch (disposition) {
            case EMERGENCY -> "critical";
            case URGENT_REVIEW -> "warning";
            case ROUTINE_REVIEW, SELF_CARE -> "info";
        };
    }

    private Source source(RulesetRef ruleset) {
        return new Source("Heel-pain triage rules v" + ruleset.version(), rulesetUrl, TOPIC);
    }

    /** Markdown; every text from the rules is escaped, so it cannot turn into markup or a link. */
    static String detail(TriageOutcome outcome) {
        StringBuilder md = new StringBuilder();
        md.append("**Disposition:** ").append(outcome.disposition()).append("\n\n");
        md.append("### Red flags\n");
        if (outcome.redFlags().isEmpty()) {
            md.append("None.\n");
        }
        for (RedFlag flag : outcome.redFlags()) {
            md.append("- ").append(flag).append('\n');
        }
        md.append("\n### Rules fired\n");
        if (outcome.rulesFired().isEmpty()) {
            md.append("None: no rule fired, so the policy's default is self-care.\n");
        }
        for (FiredRule rule : outcome.rulesFired()) {
            md.append("- **").append(escape(rule.ruleId())).append("** → ").append(rule.disposition())
                    .append(": ").append(escape(String.join("; ", rule.because())))
                    .append(" _Source: ").append(escape(rule.source())).append("_\n");
        }
        md.append("\n### Likely conditions (ranked)\n");
        int rank = 1;
        for (LikelyCondition condition : outcome.likelyConditions()) {
            md.append(rank++).append(". ").append(condition.condition()).append(" (score ")
                    .append(condition.score()).append(")");
            if (!condition.evidence().isEmpty()) {
                md.append(": ").append(escape(String.join("; ", condition.evidence())));
            }
            md.append('\n');
        }
        RulesetRef ruleset = outcome.ruleset();
        md.append("\nRuleset ").append(escape(ruleset.id())).append(' ').append(escape(ruleset.version()))
                .append(" (hash ").append(escape(ruleset.hash())).append(")\n");
        return md.toString();
    }

    private static String words(Condition condition) {
        return condition.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String escape(String text) {
        return text == null ? "" : text.replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1");
    }
}
