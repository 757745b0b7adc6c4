package clinic.local;

import clinic.local.FaultPlatform.Service;

/**
 * What the invariant checks ({@link Invariants}) read of a running platform, whichever way it was started: the
 * fault suite's separate service processes ({@link FaultPlatform}) or the one-JVM launcher of the crash test.
 */
interface ObservedPlatform {

    PlatformSettings settings();

    PlatformClient client();

    KafkaProbe kafka();

    Mailbox mailbox();

    /** The port the service's usual instance listens on. */
    default int port(Service service) {
        return switch (service) {
            case INTAKE -> settings().intakePort();
            case TRIAGE -> settings().triagePort();
            case NOTIFICATION -> settings().notificationPort();
        };
    }

    /** The launcher's platform (all three services in one JVM) at these settings. */
    record Launcher(PlatformSettings settings, PlatformClient client, KafkaProbe kafka, Mailbox mailbox)
            implements ObservedPlatform {
    }
}
