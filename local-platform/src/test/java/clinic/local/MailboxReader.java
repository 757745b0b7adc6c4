package clinic.local;

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

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a mailbox over IMAP like {@link Mailbox}, but fetches every message not read before with ONE
 * FETCH command (whole source), then decodes it here. Reading message by message costs several IMAP
 * round trips per message (envelope, structure, each body part), and each of those can wait for a
 * delayed TCP acknowledgement: tens of milliseconds times hundreds of mails in a fault suite.
 * Gives what {@link MailInvariants} needs: subject, decoded bodies, delivery id.
 */
final class MailboxReader {

    record Mail(String subject, String deliveryId, String text, String html) {
    }

    private final int imapPort;
    /** A message never changes: keyed by address, UIDVALIDITY and UID, each is decoded once. */
    private final Map<String, Mail> read = new ConcurrentHashMap<>();

    MailboxReader(int imapPort) {
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
        String[] ids = message.getHeader("X-Clinic-Delivery-Id");
        if (ids == null || ids.length == 0) {
            ids = message.getHeader("Message-ID");
        }
        return new Mail(message.getSubject(), ids == null || ids.length == 0 ? "(none)" : ids[0], text.toString(),
                html.toString());
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
}
