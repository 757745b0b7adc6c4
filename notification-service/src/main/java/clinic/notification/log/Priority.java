package clinic.notification.log;

import clinic.events.triage.Disposition;

/** P1 is the most urgent. The names sort in urgency order, which the alert queue relies on. */
public enum Priority {
    P1, P2, P3, P4;

    /** EMERGENCY is P1, URGENT_REVIEW P2, ROUTINE_REVIEW P3, SELF_CARE P4. */
    public static Priority of(Disposition disposition) {
        return switch (disposition) {
            case EMERGENCY -> P1;
            case URGENT_REVIEW -> P2;
            case ROUTINE_REVIEW -> P3;
            case SELF_CARE -> P4;
        };
    }
}
