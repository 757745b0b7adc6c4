package clinic.local;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a local mailbox over IMAP with Jakarta Mail, as a mail client would (user and password = the address).
 * Like a mail client it keeps what it has read (by IMAP UID): a message never changes, and a suite that
 * reads a growing mailbox again and again then only fetches what is new.
 */
final class Mailbox {

    /**
     * One message: its headers, its decoded plain-text and HTML bodies and its raw source. {@code deliveryId}
     * is the sender's {@code X-Clinic-Delivery-Id} (else the Message-ID), the same on every copy of one delivery.
     */
    record Mail(String subject, String from, List<String> to, String deliveryId, String text, String html,
                String raw) {

        /** Everything a reader could see, decoded: subject, both bodies, the raw source. */
        String everything() {
            return String.join("\n", subject, text, html, raw);
        }
    }

    private final int imapPort;
    private final Map<String, Mail> read = new ConcurrentHashMap<>();

    Mailbox(int imapPort) {
        this.imapPort = imapPort;
    }

    List<Mail> read(String address) {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "10000");
        try {
            Store store = Session.getInstance(props).getStore("imap");
            store.connect("localhost", imapPort, address, address);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    return read(address, inbox);
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not read the mailbox over IMAP on port " + imapPort, e);
        }
    }

    /**
     * Every message not read before is fetched with ONE IMAP FETCH of its whole source and decoded here:
     * reading message by message costs several round trips each (envelope, structure, every body part),
     * which in a fault suite with hundreds of mails added up to a minute per check.
     */
    private List<Mail> read(String address, Folder inbox) throws MessagingException, IOException {
        UIDFolder uids = (UIDFolder) inbox;
        Message[] messages = inbox.getMessages();
        FetchProfile onlyUids = new FetchProfile();
        onlyUids.add(UIDFolder.FetchProfileItem.UID);
        inbox.fetch(messages, onlyUids);
        List<Message> unread = new ArrayList<>();
        for (Message message : messages) {
            if (!read.containsKey(key(address, uids, message))) {
                unread.add(message);
            }
        }
        if (!unread.isEmpty()) {
            FetchProfile whole = new FetchProfile();
            whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
            inbox.fetch(unread.toArray(Message[]::new), whole);
            for (Message message : unread) {
                read.put(key(address, uids, message), mail(message));
            }
        }
        List<Mail> mails = new ArrayList<>();
        for (Message message : messages) {
            mails.add(read.get(key(address, uids, message)));
        }
        return mails;
    }

    private static String key(String address, UIDFolder uids, Message message) throws MessagingException {
        return address + "/" + uids.getUIDValidity() + "/" + uids.getUID(message);
    }

    private static Mail mail(Message message) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        collect(message, text, html);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return new Mail(message.getSubject(), addresses(message.getFrom()).stream().findFirst().orElse(""),
                addresses(message.getRecipients(Message.RecipientType.TO)), deliveryId(message), text.toString(),
                html.toString(),
                raw.toString(StandardCharsets.UTF_8));
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), text, html);
            }
        }
    }

    private static String deliveryId(Message message) throws MessagingException {
        String[] ids = message.getHeader("X-Clinic-Delivery-Id");
        if (ids == null || ids.length == 0) {
            ids = message.getHeader("Message-ID");
        }
        return ids == null || ids.length == 0 ? "(none)" : ids[0];
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }
}
