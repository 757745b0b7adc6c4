package clinic.triage.fhir;

import clinic.events.triage.Disposition;
import clinic.events.triage.FiredRule;
import clinic.events.triage.RedFlag;
import clinic.events.triage.TriageDecisionMade;
import clinic.triage.engine.Rule;
import clinic.triage.engine.TriageEngine;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.DetectedIssue.DetectedIssueSeverity;
import org.hl7.fhir.r4.model.DetectedIssue.DetectedIssueStatus;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A decision's red flags as FHIR DetectedIssues, one per flag. No {@code patient} and no {@code implicated}:
 * triage holds no patient's identity and no Patient resource, and a reference we cannot resolve would only
 * pretend otherwise. The evidence is intake's QuestionnaireResponse, which holds the answers that raised the flag.
 */
@Component
class DetectedIssues {

    private final FhirAddresses addresses;
    private final Map<String, Rule> rulesById;

    DetectedIssues(TriageEngine engine, FhirAddresses addresses) {
        this.addresses = addresses;
        this.rulesById = engine.ruleset().rules().stream().collect(Collectors.toMap(Rule::id, Function.identity()));
    }

    List<DetectedIssue> of(TriageDecisionMade decision) {
        return decision.redFlags().stream().map(flag -> issue(decision, flag)).toList();
    }

    private DetectedIssue issue(TriageDecisionMade decision, RedFlag flag) {
        Optional<FiredRule> fired = firedRuleOf(decision, flag);
        DetectedIssue issue = new DetectedIssue();
        issue.setId(FhirIds.detectedIssue(decision.reportId(), flag));
        issue.setStatus(DetectedIssueStatus.FINAL);
        issue.setCode(new CodeableConcept(ClinicCodes.redFlag(flag)).setText(ClinicCodes.display(flag)));
        // the disposition the raising rule proposed in this decision; a flag whose rule is no longer in force
        // (an older ruleset decided it) takes the decision's own disposition: never less urgent than it was
        Disposition proposed = fired.map(FiredRule::disposition).orElse(decision.disposition());
        issue.setSeverity(severity(proposed));
        // the exact instant as stored (microseconds), not rounded through java.util.Date
        issue.setIdentified(new DateTimeType(decision.decidedAt().toString()));
        fired.ifPresent(rule -> {
            issue.setDetail(detail(rule));
            issue.setReference(addresses.ruleSource(rule.ruleId()));
        });
        issue.addEvidence().addDetail(new Reference(addresses.questionnaireResponse(decision.reportId()))
                .setType("QuestionnaireResponse"));
        return issue;
    }

    /** The fired rule that raised the flag: a rule in force that raises it and fired for this decision. */
    private Optional<FiredRule> firedRuleOf(TriageDecisionMade decision, RedFlag flag) {
        return decision.rulesFired().stream()
                .filter(fired -> rulesById.containsKey(fired.ruleId())
                        && rulesById.get(fired.ruleId()).redFlag() == flag)
                .min(Comparator.comparing(FiredRule::disposition));
    }

    /** The rule's reason in plain words, then the answers that fired it, as the decision recorded them. */
    private String detail(FiredRule fired) {
        String because = String.join("; ", fired.because());
        return rulesById.get(fired.ruleId()).reason() + (because.isEmpty() ? "" : " Answers: " + because + ".");
    }

    /**
     * Severity follows the policy's dispositions: an EMERGENCY flag (possible rupture or fracture) is high, a flag
     * for same-day review moderate; red flags propose nothing less urgent, low is there for completeness.
     */
    static DetectedIssueSeverity severity(Disposition proposed) {
        return switch (proposed) {
            case EMERGENCY -> DetectedIssueSeverity.HIGH;
            case URGENT_REVIEW -> DetectedIssueSeverity.MODERATE;
            case ROUTINE_REVIEW, SELF_CARE -> DetectedIssueSeverity.LOW;
        };
    }
}
