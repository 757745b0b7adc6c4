package clinic.support.durability;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * The crashing side of {@link H2CommitBarrierTest}, run in a JVM of its own: commits one row in a Spring
 * transaction (with or without the barrier), then halts at once, like kill -9: no shutdown hook closes the database.
 * Arguments: the database URL, {@code barrier} or {@code none}, the row's id.
 */
public final class CommitThenHalt {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        // held open as a connection pool would: closing the last connection would close (and so store) the database
        Connection pooled = DriverManager.getConnection(url, "sa", "");
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        if (args[1].equals("barrier")) {
            transactions.addListener(new H2CommitBarrier(url, "sa", ""));
        }
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                new JdbcTemplate(dataSource).update("insert into committed_row (id) values (?)", args[2]));
        System.out.println("committed " + args[2] + (pooled.isClosed() ? "" : " (database still open)"));
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private CommitThenHalt() {
    }
}
