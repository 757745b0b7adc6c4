package clinic.support.durability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit that returned survives the process dying right after it, although the database writes lazily
 * ({@code WRITE_DELAY} of a minute): the barrier stores it before the committing code goes on. The same crash
 * without the barrier loses the row, which shows the test would notice a barrier that does nothing.
 */
class H2CommitBarrierTest {

    @TempDir
    Path folder;

    @Test
    void aCommittedRowSurvivesAHaltRightAfterTheCommit() throws Exception {
        String url = databaseWithTable();

        assertThat(commitThenHalt(url, "barrier", "kept")).contains("committed kept");

        assertThat(rows(url)).containsExactly("kept");
    }

    @Test
    void withoutTheBarrierTheSameHaltLosesTheRow() throws Exception {
        String url = databaseWithTable();

        assertThat(commitThenHalt(url, "none", "lost")).contains("committed lost");

        assertThat(rows(url)).isEmpty();
    }

    private String databaseWithTable() throws SQLException {
        String url = "jdbc:h2:file:" + folder.resolve("db") + ";MODE=PostgreSQL;WRITE_DELAY=60000";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("create table committed_row (id varchar(20) primary key)");
        } // closing the last connection closes the database: the table is on disk
        return url;
    }

    private static String commitThenHalt(String url, String mode, String id) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitThenHalt.class.getName(), url, mode, id))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child halted").isTrue();
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static List<String> rows(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select id from committed_row order by id")) {
            List<String> ids = new java.util.ArrayList<>();
            while (result.next()) {
                ids.add(result.getString(1));
            }
            return ids;
        }
    }
}
