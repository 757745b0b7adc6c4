package clinic.triage.ruleset;

import clinic.triage.engine.Fields;
import clinic.triage.engine.HeelPainRules;
import clinic.triage.engine.Rule;
import clinic.triage.engine.Ruleset;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/triage-rules.md} is generated from the rule definitions: every build renders it into
 * {@code target/generated-docs/} and this test fails when the committed copy differs. To regenerate it after
 * changing a rule, run {@value RulesetMarkdown#REGENERATE} (from the repository root).
 */
class TriageRulesDocTest {

    static final Path COMMITTED = Path.of("../docs/triage-rules.md");
    private static final Path GENERATED = Path.of("target/generated-docs/triage-rules.md");

    @Test
    void theCommittedDocumentIsTheOneTheRuleDefinitionsGive() throws IOException {
        String markdown = RulesetMarkdown.render(RulesetView.of(HeelPainRules.ruleset()));
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, markdown);
        if (Boolean.getBoolean("triage.docs.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, markdown);
        }

        assertThat(COMMITTED).as("docs/triage-rules.md is missing; generate it with: %s",
                RulesetMarkdown.REGENERATE).exists();
        assertThat(Files.readString(COMMITTED))
                .as("docs/triage-rules.md is stale (compare %s); regenerate it with: %s",
                        GENERATED.toAbsolutePath().normalize(), RulesetMarkdown.REGENERATE)
                .isEqualTo(markdown);
    }

    @Test
    void theDocumentStatesTheIdentityEveryRuleEverySignAndEveryAnswer() {
        Ruleset ruleset = HeelPainRules.ruleset();
        String markdown = RulesetMarkdown.render(RulesetView.of(ruleset));

        assertThat(markdown).contains("`" + ruleset.id() + "` | " + ruleset.version() + " | `" + ruleset.hash() + "`");
        for (Rule rule : ruleset.rules()) {
            assertThat(markdown).contains("### " + rule.id() + "\n", "`" + rule.condition() + "`", rule.reason(),
                    rule.source(), "`" + rule.disposition() + "`");
        }
        assertThat(markdown).contains("### FAIL-SAFE", "## Dispositions", "`SELF_CARE`");
        ruleset.signs().forEach(sign -> assertThat(markdown).contains("| " + sign.evidence() + " |"));
        Fields.ALL.forEach(field -> assertThat(markdown).contains("| `" + field.name() + "` | " + field.allowed()));
    }
}
