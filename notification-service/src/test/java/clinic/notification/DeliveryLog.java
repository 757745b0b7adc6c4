package clinic.notification;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

/** The delivery and attempt rows of a report, read straight from the database. */
public final class DeliveryLog {

    public record Delivery(UUID deliveryId, UUID notificationId, String channel, String recipient, int level,
                           String status, int attempts, String lastErrorClass) {
    }

    public record Attempt(int number, String outcome, String errorClass) {
    }

    private final JdbcClient jdbc;

    public DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Delivery> of(UUID reportId) {
        return jdbc.sql("""
                select d.delivery_id, d.notification_id, d.channel, d.recipient, d.escalation_level, d.status,
                       d.attempts, d.last_error_class
                from delivery d join notification n on n.notification_id = d.notification_id
                where n.report_id = ? order by d.escalation_level, d.channel""").param(reportId)
                .query((rs, row) -> new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getInt(7),
                        rs.getString(8)))
                .list();
    }

    public Delivery only(UUID reportId, String channel, int level) {
        List<Delivery> matching = of(reportId).stream()
                .filter(d -> d.channel().equals(channel) && d.level() == level).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + channel + " delivery at level " + level + ", found "
                    + matching);
        }
        return matching.get(0);
    }

    /** The delivery's status, or NONE while it does not exist (yet). */
    public String status(UUID reportId, String channel, int level) {
        return of(reportId).stream().filter(d -> d.channel().equals(channel) && d.level() == level)
                .map(Delivery::status).findFirst().orElse("NONE");
    }

    public List<Attempt> attempts(UUID deliveryId) {
        return jdbc.sql("select attempt_number, outcome, error_class from delivery_attempt where delivery_id = ? "
                        + "order by attempt_number").param(deliveryId)
                .query((rs, row) -> new Attempt(rs.getInt(1), rs.getString(2), rs.getString(3))).list();
    }
}
