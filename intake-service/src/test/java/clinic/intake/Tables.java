package clinic.intake;

import org.springframework.jdbc.core.JdbcTemplate;

/** Row counts of the service's tables, read straight from the database. */
public record Tables(JdbcTemplate jdbc) {

    public long reports() {
        return count("symptom_report");
    }

    public long outbox() {
        return count("outbox_event");
    }

    private long count(String table) {
        Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return count == null ? 0 : count;
    }
}
