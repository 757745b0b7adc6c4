package clinic.local;

import clinic.triage.TriageApplication;

/**
 * The real triage service plus {@link HaltAfterRecords}: once armed, halts after the Nth record's
 * decision is committed, before its offset is. Run as a child JVM by the fault suite; never in production.
 */
public final class CrashingTriage {

    private CrashingTriage() {
    }

    public static void main(String[] args) {
        TriageApplication.application().sources(HaltAfterRecords.class).run(args);
    }
}
