package clinic.local;

import clinic.notification.NotificationApplication;

/**
 * The real notification service plus {@link HaltAfterRecords}: once armed, halts after the Nth
 * record's notification is committed, before its offset is. Run as a child JVM by the fault suite only.
 */
public final class CrashingNotification {

    private CrashingNotification() {
    }

    public static void main(String[] args) {
        NotificationApplication.application().sources(HaltAfterRecords.class).run(args);
    }
}
