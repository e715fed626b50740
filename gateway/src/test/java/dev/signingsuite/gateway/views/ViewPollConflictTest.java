package dev.signingsuite.gateway.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.UncategorizedSQLException;

/** Which write failures are another writer's lock (tried again) rather than a failed attempt. */
class ViewPollConflictTest {

    @Test
    void aDeadlockIsAConflictHoweverItIsWrapped() {
        assertThat(ViewPoll.conflict(new PessimisticLockingFailureException("deadlock")))
                .isTrue();
        BatchUpdateException batch = new BatchUpdateException("batch entry 1 failed", "40P01", 0, new int[0]);
        batch.setNextException(new SQLException("ERROR: deadlock detected", "40P01"));
        assertThat(ViewPoll.conflict(new UncategorizedSQLException("batch", "INSERT", batch)))
                .isTrue();
        SQLException serialization = new SQLException("could not serialize access", "40001");
        assertThat(ViewPoll.conflict(new RuntimeException(serialization))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreAttempts() {
        assertThat(ViewPoll.conflict(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(ViewPoll.conflict(new UncategorizedSQLException(
                        "insert", "INSERT", new SQLException("relation does not exist", "42P01"))))
                .isFalse();
        assertThat(ViewPoll.conflict(new IllegalStateException("no database"))).isFalse();
    }
}
