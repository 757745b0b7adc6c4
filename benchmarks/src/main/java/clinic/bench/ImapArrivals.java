package clinic.bench;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches a mailbox over IMAP as a mail client would, and notes the moment ({@link System#nanoTime})
 * each new message was first seen. A poller asks the server for the message count (IMAP STATUS)
 * every {@code pollInterval}, so an arrival is seen at most one interval plus one round trip late.
 * Which report a message is about is read afterwards, from its decoded subject and text.
 */
public final class ImapArrivals implements AutoCloseable {

    private final Store store;
    private final Folder inbox;
    private final int baseline;
    private final Duration pollInterval;
    private final Map<Integer, Long> seenAt = new ConcurrentHashMap<>();
    private volatile int count;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private final Thread poller;

    private ImapArrivals(Store store, Folder inbox, int baseline, Duration pollInterval) {
        this.store = store;
        this.inbox = inbox;
        this.baseline = baseline;
        this.count = baseline;
        this.pollInterval = pollInterval;
        this.poller = new Thread(this::poll, "imap-poller");
        this.poller.setDaemon(true);
    }

    public static ImapArrivals watch(int imapPort, String address, Duration pollInterval) {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "10000");
        // Jakarta Mail caches a STATUS answer for 1 s by default, which would hide arrivals for that long.
        props.put("mail.imap.statuscachetimeout", "0");
        try {
            Store store = Session.getInstance(props).getStore("imap");
            store.connect("localhost", imapPort, address, address); // local mode: password = the address
            Folder inbox = store.getFolder("INBOX");
            ImapArrivals arrivals = new ImapArrivals(store, inbox, inbox.getMessageCount(), pollInterval);
            arrivals.poller.start();
            return arrivals;
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the mailbox " + address + " over IMAP on port " + imapPort, e);
        }
    }

    /** Messages that arrived since watching began. */
    public int received() {
        if (failure != null) {
            throw failure;
        }
        return count - baseline;
    }

    /** The folder stays closed: then every count is a fresh STATUS from the server, not a cached number. */
    private void poll() {
        while (running) {
            try {
                int now = inbox.getMessageCount();
                long at = System.nanoTime();
                for (int number = count + 1; number <= now; number++) {
                    seenAt.put(number, at);
                }
                count = Math.max(count, now);
            } catch (MessagingException e) {
                failure = new IllegalStateException("polling the mailbox failed", e);
                return;
            }
            LockSupport.parkNanos(pollInterval.toNanos());
        }
    }

    /** For each of the reports, when its first message was seen (reports without a message are left out). */
    public Map<String, Long> arrivalsOf(Collection<String> reportIds) {
        Map<String, Long> byReport = new HashMap<>();
        try {
            Folder reading = store.getFolder("INBOX");
            reading.open(Folder.READ_ONLY);
            try {
                for (Map.Entry<Integer, Long> seen : new HashMap<>(seenAt).entrySet()) {
                    String text = text(reading.getMessage(seen.getKey()));
                    reportIds.stream().filter(text::contains).findFirst()
                            .ifPresent(id -> byReport.merge(id, seen.getValue(), Math::min));
                }
            } finally {
                reading.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("reading the received messages failed", e);
        }
        return byReport;
    }

    private static String text(Message message) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder(String.valueOf(message.getSubject()));
        collect(message, text);
        return text.toString();
    }

    private static void collect(Part part, StringBuilder text) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            text.append('\n').append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), text);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(Duration.ofSeconds(5).toMillis());
            store.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MessagingException e) {
            // closing only: nothing left to read
        }
    }
}
