package clinic.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real mail server for local mode (GreenMail, in this JVM): the notification service sends over SMTP
 * and anyone reads the mail over IMAP, as with a real mailbox. Nothing leaves the machine: GreenMail
 * delivers every message to a local mailbox named after its recipient and never relays.
 *
 * <p>Authentication is off, so a mailbox exists as soon as mail arrives for it and is opened with the
 * recipient address as both user and password. It listens on the loopback interface only, because
 * the mail holds patients' plans. Mail lives in memory: a restart starts with empty mailboxes.
 */
final class LocalMailServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;

    private LocalMailServer(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    static LocalMailServer start(int smtpPort, int imapPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, LOOPBACK, ServerSetup.PROTOCOL_IMAP)});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new LocalMailServer(greenMail, smtpPort, imapPort);
    }

    int smtpPort() {
        return smtpPort;
    }

    int imapPort() {
        return imapPort;
    }

    /** How a person reads a mailbox with nothing but curl. */
    String readHint(String address) {
        return "curl -s \"imap://localhost:" + imapPort + "/INBOX;UID=1\" -u " + address + ":" + address;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
