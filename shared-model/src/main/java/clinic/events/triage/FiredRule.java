package clinic.events.triage;

import java.util.List;

/**
 * A rule that fired for a report: what it proposes, the answers that triggered it ({@code because}),
 * and the source statement it rests on.
 */
public record FiredRule(String ruleId, Disposition disposition, List<String> because, String source) {

    public FiredRule {
        because = List.copyOf(because);
    }
}
