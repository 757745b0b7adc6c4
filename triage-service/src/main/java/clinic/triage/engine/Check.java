package clinic.triage.engine;

import clinic.events.intake.IntakeAnswers;

import java.util.List;
import java.util.Set;

/**
 * A condition on the intake answers that can also explain itself: which answers made it true
 * ({@link #explain}), which answers it reads, and how it reads to a clinician ({@link #describe}).
 * Build checks with {@link Checks}; implementations are immutable and allocation-free when testing.
 */
public interface Check {

    boolean test(IntakeAnswers answers);

    /** Adds the answers that make this check true, e.g. {@code painScore = 8 (>= 7)}. Call only when it is true. */
    void explain(IntakeAnswers answers, List<String> because);

    /** Adds the intake field names this check reads. */
    void reads(Set<String> fields);

    /** The condition in readable form, e.g. {@code painScore >= 7}; part of the ruleset hash. */
    String describe();
}
