package clinic.triage.ruleset;

import clinic.events.triage.Condition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the ruleset as the clinicians' reference, {@code docs/triage-rules.md}, from the same view the
 * ruleset API serves. Plain text in, plain text out: the build's {@code TriageRulesDocTest} writes it to
 * {@code target/generated-docs/} and fails when the committed document differs.
 */
final class RulesetMarkdown {

    static final String REGENERATE = "./mvnw -q -pl triage-service test -Dtest=TriageRulesDocTest"
            + " -Dtriage.docs.write=true";

    private RulesetMarkdown() {
    }

    static String render(RulesetView view) {
        StringBuilder md = new StringBuilder();
        md.append("# Heel-pain triage rules\n\n");
        md.append("<!-- Generated from the rule definitions in triage-service (clinic.triage.engine.HeelPainRules and"
                + " ConditionSigns) by TriageRulesDocTest. Do not edit by hand; regenerate with:\n     ")
                .append(REGENERATE).append(" -->\n\n");
        md.append("The rules the triage service applies to every heel-pain report, as served by")
                .append(" `GET /api/v1/ruleset`. Every decision carries the ruleset id, version and hash below.\n\n");
        md.append("| ruleset | version | hash (SHA-256 of the rule definitions) |\n|---|---|---|\n");
        md.append("| `").append(view.id()).append("` | ").append(view.version()).append(" | `").append(view.hash())
                .append("` |\n\n");
        md.append("**How a decision is made.** ").append(view.decision()).append("\n\n");

        md.append("## Dispositions (most urgent first)\n\n| disposition | meaning | clinician event |\n|---|---|---|\n");
        view.dispositions().forEach(d -> md.append("| `").append(d.disposition()).append("` | ")
                .append(cell(d.meaning())).append(" | ").append(cell(d.clinicianEvent())).append(" |\n"));

        md.append("\n## Rules\n\n| rule | kind | flag | proposes | fires when |\n|---|---|---|---|---|\n");
        view.rules().forEach(rule -> md.append("| [").append(rule.id()).append("](#").append(anchor(rule.id()))
                .append(") | ").append(rule.kind()).append(" | `").append(rule.flag()).append("` | `")
                .append(rule.disposition()).append("` | ").append(cell(code(rule.when()))).append(" |\n"));
        for (RulesetView.RuleView rule : view.rules()) {
            md.append("\n### ").append(rule.id()).append("\n\n");
            md.append("- **Kind:** ").append(rule.kind()).append(" `").append(rule.flag()).append("`\n");
            md.append("- **Proposes:** `").append(rule.disposition()).append("`\n");
            md.append("- **Fires when:** ").append(code(rule.when())).append('\n');
            md.append("- **Reads:** ").append(rule.reads().isEmpty() ? "the whole report"
                    : rule.reads().stream().map(r -> "`" + r + "`").collect(Collectors.joining(", "))).append('\n');
            md.append("- **Reason:** ").append(rule.reason()).append('\n');
            md.append("- **Source:** ").append(rule.source()).append('\n');
        }

        md.append("\n## Likely conditions\n\n").append(view.likelyConditions().about()).append("\n\n");
        md.append("Tie-break order: ").append(view.likelyConditions().tieBreak().stream().map(c -> "`" + c + "`")
                .collect(Collectors.joining(", "))).append(".\n");
        for (Condition condition : Condition.values()) {
            List<RulesetView.SignView> signs = view.likelyConditions().signs().stream()
                    .filter(sign -> sign.condition() == condition).toList();
            md.append("\n### ").append(condition).append("\n\n| points | when | evidence |\n|---:|---|---|\n");
            signs.forEach(sign -> md.append("| ").append(sign.points() > 0 ? "+" : "").append(sign.points())
                    .append(" | ").append(cell(code(sign.when()))).append(" | ").append(cell(sign.evidence()))
                    .append(" |\n"));
        }

        md.append("\n## Answers the rules accept\n\n")
                .append("The clinical answers of the intake contract. A report with an answer outside these values")
                .append(" (a missing choice, a number out of range) cannot be classified: the `FAIL-SAFE` rule")
                .append(" sends it to `URGENT_REVIEW`, naming the answer.\n\n| answer | allowed |\n|---|---|\n");
        view.answers().forEach(answer -> md.append("| `").append(answer.name()).append("` | ")
                .append(cell(answer.allowed())).append(" |\n"));
        return md.toString();
    }

    /** Conditions written with the answers' names read best as code; the fail-safe's is plain words. */
    private static String code(String condition) {
        return condition.contains(" = ") || condition.contains(" >= ") || condition.contains(" < ")
                || condition.contains(" includes ") ? "`" + condition + "`" : condition;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }
}
