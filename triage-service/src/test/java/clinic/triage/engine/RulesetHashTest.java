package clinic.triage.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static clinic.events.triage.Disposition.EMERGENCY;
import static org.assertj.core.api.Assertions.assertThat;

class RulesetHashTest {

    private static final String HEX_64 = "[0-9a-f]{64}";

    @Test
    void identifiesTheActiveRuleset() {
        Ruleset ruleset = HeelPainRules.ruleset();

        assertThat(ruleset.id()).isEqualTo("heel-pain-triage");
        assertThat(ruleset.version()).isEqualTo("1.1.0");
        assertThat(ruleset.hash()).matches(HEX_64);
        assertThat(ruleset.ref().hash()).isEqualTo(ruleset.hash());
    }

    /**
     * Decisions carry the hash so a clinician can tell which rules made them. Changing any definition
     * must therefore come with a new version: bump {@link HeelPainRules#VERSION} and pin its hash here.
     * <ul>
     * <li>1.0.0 {@code f55fe83b65cf26d3e5a276912b896a6480907ce2c0dd835331ea85f5a0577757}: the policy's red flags,
     * review triggers, ranking signs and the fail-safe for rules that cannot be evaluated.</li>
     * <li>1.1.0: the same rules and signs; the ruleset now states the answers the intake contract allows, and
     * the fail-safe also fires for answers outside it (a missing choice, a number out of range).</li>
     * </ul>
     */
    @Test
    void version110HasTheHashItWasReleasedWith() {
        assertThat(HeelPainRules.VERSION).isEqualTo("1.1.0");
        assertThat(HeelPainRules.ruleset().hash())
                .as("rule definitions changed: bump HeelPainRules.VERSION and pin the new hash")
                .isEqualTo("e9fdad843e884899c3f780d3a7f4ffdedbf761b5cb9b699d297205d1e31ee166");
    }

    @Test
    void hashIsStableAcrossBuilds() {
        assertThat(HeelPainRules.ruleset().hash()).isEqualTo(HeelPainRules.ruleset().hash());
        assertThat(HeelPainRules.ruleset().canonicalText()).isEqualTo(HeelPainRules.ruleset().canonicalText());
    }

    @Test
    void canonicalTextNamesEveryRuleWithItsDefinition() {
        String text = HeelPainRules.ruleset().canonicalText();

        assertThat(HeelPainRules.rules()).allSatisfy(rule -> assertThat(text)
                .contains("rule " + rule.id() + "\n", rule.condition(), rule.reason(), rule.source()));
        assertThat(text).contains("painScore >= 7", "FAIL-SAFE");
    }

    @Test
    void changingAReasonChangesTheHash() {
        assertThat(hashWith(0, rule -> Rule.redFlag(rule.id(), rule.redFlag(), rule.disposition(),
                Checks.yes(Fields.SUDDEN_ONSET_WITH_POP_OR_SNAP),
                rule.reason() + " Reworded.", rule.source())))
                .isNotEqualTo(HeelPainRules.ruleset().hash());
    }

    @Test
    void changingAThresholdChangesTheHash() {
        int severe = indexOf("RF-SEVERE-PAIN");
        assertThat(hashWith(severe, rule -> Rule.redFlag(rule.id(), rule.redFlag(), rule.disposition(),
                Checks.atLeast(Fields.PAIN_SCORE, 8), rule.reason(), rule.source())))
                .isNotEqualTo(HeelPainRules.ruleset().hash());
    }

    @Test
    void changingADispositionOrSourceChangesTheHash() {
        int fever = indexOf("RF-FEVER");
        String base = HeelPainRules.ruleset().hash();
        assertThat(hashWith(fever, rule -> Rule.redFlag(rule.id(), rule.redFlag(), EMERGENCY,
                Checks.includes(Fields.SYMPTOMS, clinic.events.intake.Symptom.FEVER),
                rule.reason(), rule.source()))).isNotEqualTo(base);
        assertThat(hashWith(fever, rule -> Rule.redFlag(rule.id(), rule.redFlag(), rule.disposition(),
                Checks.includes(Fields.SYMPTOMS, clinic.events.intake.Symptom.FEVER),
                rule.reason(), "Another source"))).isNotEqualTo(base);
        // the unchanged copy hashes the same, so the comparisons above are meaningful
        assertThat(hashWith(fever, rule -> Rule.redFlag(rule.id(), rule.redFlag(), rule.disposition(),
                Checks.includes(Fields.SYMPTOMS, clinic.events.intake.Symptom.FEVER),
                rule.reason(), rule.source()))).isEqualTo(base);
    }

    @Test
    void changingARankingSignChangesTheHash() {
        List<ConditionSign> signs = new ArrayList<>(ConditionSigns.all());
        ConditionSign first = signs.get(0);
        signs.set(0, new ConditionSign(first.condition(), first.points() + 1, first.when(), first.evidence()));

        assertThat(new Ruleset(HeelPainRules.ID, HeelPainRules.VERSION, HeelPainRules.rules(), signs).hash())
                .isNotEqualTo(HeelPainRules.ruleset().hash());
    }

    private static int indexOf(String ruleId) {
        return HeelPainRules.rules().stream().map(Rule::id).toList().indexOf(ruleId);
    }

    private static String hashWith(int index, java.util.function.UnaryOperator<Rule> change) {
        List<Rule> rules = new ArrayList<>(HeelPainRules.rules());
        rules.set(index, change.apply(rules.get(index)));
        return new Ruleset(HeelPainRules.ID, HeelPainRules.VERSION, rules, ConditionSigns.all()).hash();
    }
}
