package clinic.local;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.net.Socket;
import java.net.SocketException;
import java.util.Map;

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
        GreenMail greenMail = new NoDelaySmtpGreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, LOOPBACK, ServerSetup.PROTOCOL_IMAP)});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new LocalMailServer(greenMail, smtpPort, imapPort);
    }

    /**
     * GreenMail with an SMTP server that sends its replies without Nagle's delay. GreenMail writes a multi-line reply
     * (EHLO's) line by line; with Nagle on, the second line waits for the client's ACK of the first, which Linux
     * delays by about 40 ms, so every SMTP connection cost 43 ms before the first command (a JFR profile of
     * benchmarks/run.sh: jdk.SocketRead in SMTPTransport.ehlo). A real mail server replies in one write.
     */
    private static final class NoDelaySmtpGreenMail extends GreenMail {

        NoDelaySmtpGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
            Map<String, AbstractServer> services = super.createServices(setups, managers);
            for (ServerSetup setup : setups) {
                if (ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                    services.put(setup.getProtocol(), new NoDelaySmtpServer(setup, managers));
                }
            }
            return services;
        }
    }

    private static final class NoDelaySmtpServer extends SmtpServer {

        NoDelaySmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket client) {
            try {
                client.setTcpNoDelay(true);
            } catch (SocketException e) {
                // the connection is already gone; the handler will find out and close it
            }
            return super.createProtocolHandler(client);
        }
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
