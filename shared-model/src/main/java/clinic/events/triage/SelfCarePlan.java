package clinic.events.triage;

import java.util.List;

/**
 * Patient-facing advice with safety netting: what to do, what to watch for, how to get help, the
 * expected course and when to re-check.
 */
public record SelfCarePlan(
        String summary,
        List<String> advice,
        List<String> watchFor,
        String howToGetHelp,
        String expectedCourse,
        String recheck) {

    public SelfCarePlan {
        advice = List.copyOf(advice);
        watchFor = List.copyOf(watchFor);
    }
}
