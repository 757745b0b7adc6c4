package clinic.events.triage;

import java.util.List;

/** One ranked condition with its transparent score and the evidence for and against it. */
public record LikelyCondition(Condition condition, int score, List<String> evidence) {

    public LikelyCondition {
        evidence = List.copyOf(evidence);
    }
}
