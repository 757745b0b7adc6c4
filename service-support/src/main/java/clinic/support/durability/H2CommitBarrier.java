package clinic.support.durability;

import org.springframework.core.Ordered;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for an H2 file database: a committed write transaction is on disk before the code that committed it
 * goes on (answers 202, lets Kafka commit the offsets, wakes the relay), as with {@code WRITE_DELAY=0}, but
 * transactions that commit at the same time share one write.
 * <p>
 * With {@code WRITE_DELAY=0}, H2 writes a new chunk of B-tree pages for every commit, one after another under the
 * store's lock: under load most of a service's time. With a write delay, a commit stays in memory until H2's
 * background writer stores it, which a kill -9 could lose. This barrier closes that gap: after each write
 * transaction commits it runs {@code CHECKPOINT}, which stores every change committed so far, or returns at once
 * when another thread's checkpoint has already stored them. So under load one chunk write serves every
 * transaction that committed while the previous write was going on.
 * <p>
 * The barrier runs before any other after-commit callback of the transaction (those wake relays and
 * dispatchers, which must not act on rows that could still be lost). Writes outside a Spring transaction (the
 * Bucket4j quota rows, the relay's "sent" marks) are not waited for: H2's background writer stores them within
 * the write delay, and losing them in a crash repeats at most a send or a quota count.
 */
public class H2CommitBarrier implements TransactionExecutionListener {

    private final String url;
    private final String user;
    private final String password;
    private final AtomicLong commits = new AtomicLong();
    private long storedUpTo;
    private Connection connection;

    H2CommitBarrier(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
        if (beginFailure == null && writes(transaction) && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new StoreBeforeOtherCallbacks());
        }
    }

    @Override
    public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
        // a transaction without synchronization had no callback registered: store its commit here
        if (commitFailure == null && writes(transaction) && !TransactionSynchronizationManager.isSynchronizationActive()) {
            storeCommitted();
        }
    }

    private static boolean writes(TransactionExecution transaction) {
        return transaction.isNewTransaction() && !transaction.isReadOnly();
    }

    /**
     * Returns once the caller's commit (which has completed) is in the file. One checkpoint at a time: H2 stores
     * under one lock anyway. Each caller takes a ticket after its commit; a checkpoint stores at least every commit
     * whose ticket was taken before it began, so a caller that waited while one ran after its ticket need not
     * run another. (H2 itself would write again: other transactions' uncommitted changes count as unsaved.)
     */
    void storeCommitted() {
        long ticket = commits.incrementAndGet();
        synchronized (this) {
            if (storedUpTo >= ticket) {
                return;
            }
            long covered = commits.get();
            checkpoint();
            storedUpTo = covered;
        }
    }

    private void checkpoint() {
        try {
            if (connection == null || connection.isClosed()) {
                // a session of its own: the committing transaction's connection may already be back in the pool
                connection = DriverManager.getConnection(url, user, password);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            // The commit cannot be confirmed on disk: fail the caller instead of answering as if it were.
            throw new IllegalStateException("Could not store committed changes to the database file ("
                    + e.getClass().getName() + ")", e);
        }
    }

    synchronized void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    private final class StoreBeforeOtherCallbacks implements TransactionSynchronization {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterCommit() {
            storeCommitted();
        }
    }
}
