package clinic.local;

import clinic.local.FaultPlatform.Service;

/**
 * What the invariant checks ({@link Invariants}) read of a running platform, whichever way it was started: the
 * fault suite's separate service processes ({@link FaultPlatform}) or the one-JVM launcher of the crash test.
 */
interface ObservedPlatform {

    PlatformClient client();

    KafkaProbe kafka();

    Mailbox mailbox();

    int port(Service service);

    /** The launcher's platform (all three services in one JVM) at these settings. */
    static ObservedPlatform launcher(PlatformSettings settings, PlatformClient client, KafkaProbe kafka,
                                     Mailbox mailbox) {
        return new ObservedPlatform() {
            @Override
            public PlatformClient client() {
                return client;
            }

            @Override
            public KafkaProbe kafka() {
                return kafka;
            }

            @Override
            public Mailbox mailbox() {
                return mailbox;
            }

            @Override
            public int port(Service service) {
                return switch (service) {
                    case INTAKE -> settings.intakePort();
                    case TRIAGE -> settings.triagePort();
                    case NOTIFICATION -> settings.notificationPort();
                };
            }
        };
    }
}
