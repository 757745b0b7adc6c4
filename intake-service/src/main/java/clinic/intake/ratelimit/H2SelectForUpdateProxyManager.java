package clinic.intake.ratelimit;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Bucket4j's select-for-update protocol on H2 (local mode), for the same table as on PostgreSQL. Bucket4j's
 * PostgreSQL manager does not run on H2, not even in PostgreSQL mode: its {@code ON CONFLICT (id) DO NOTHING}
 * names a conflict target, which H2 does not parse. Only the SQL is written here; locking, retries and the
 * bucket arithmetic are Bucket4j's ({@link AbstractSelectForUpdateBasedProxyManager}). Each statement was
 * tried on H2 2.4 in PostgreSQL mode; {@code SubmissionRateLimiterTest} runs them.
 */
final class H2SelectForUpdateProxyManager extends AbstractSelectForUpdateBasedProxyManager<String>
        implements ExpiredEntriesCleaner {

    private final DataSource dataSource;
    private final CustomColumnProvider<String> expiresAt;
    private final String select;
    private final String insert;
    private final String update;
    private final String remove;
    private final String removeExpired;

    H2SelectForUpdateProxyManager(DataSource dataSource, String table, ClientSideConfig config) {
        super(config);
        this.dataSource = dataSource;
        this.expiresAt = CustomColumnProvider.createExpiresInColumnProvider("expires_at",
                config.getExpirationAfterWriteStrategy().orElseThrow());
        this.select = "select state from " + table + " where id = ? for update";
        this.insert = "insert into " + table + " (id, state) values (?, null) on conflict do nothing";
        this.update = "update " + table + " set state = ?, expires_at = ? where id = ?";
        this.remove = "delete from " + table + " where id = ?";
        this.removeExpired = "delete from " + table + " where expires_at < ? and id in (select id from " + table
                + " where expires_at < ? fetch first ? rows only for update skip locked)";
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        try {
            return new Transaction(dataSource.getConnection(), key);
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    @Override
    public void removeProxy(String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(remove)) {
            statement.setString(1, key);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    @Override
    public int removeExpired(int batchSize) {
        long now = System.currentTimeMillis(); // expires_at is wall-clock time, as Bucket4j writes it
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(removeExpired)) {
            statement.setLong(1, now);
            statement.setLong(2, now);
            statement.setInt(3, batchSize);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    /** One bucket operation: its row locked, read, written, committed; the connection back to the pool. */
    private final class Transaction implements SelectForUpdateBasedTransaction {

        private final Connection connection;
        private final String key;

        Transaction(Connection connection, String key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public void begin(Optional<Long> timeoutNanos) {
            run(() -> connection.setAutoCommit(false));
        }

        @Override
        public void rollback() {
            run(connection::rollback);
        }

        @Override
        public void commit(Optional<Long> timeoutNanos) {
            run(connection::commit);
        }

        @Override
        public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                applyTimeout(statement, timeoutNanos);
                statement.setString(1, key);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? LockAndGetResult.locked(row.getBytes("state")) : LockAndGetResult.notLocked();
                }
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                applyTimeout(statement, timeoutNanos);
                statement.setString(1, key);
                return statement.executeUpdate() > 0;
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeoutNanos) {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                applyTimeout(statement, timeoutNanos);
                statement.setBytes(1, data);
                expiresAt.setCustomField(key, 2, statement, newState, currentTimeNanos());
                statement.setString(3, key);
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }

        @Override
        public void release() {
            run(connection::close);
        }

        private void run(SqlAction action) {
            try {
                action.run();
            } catch (SQLException e) {
                throw new BucketExceptions.BucketExecutionException(e);
            }
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }
}
