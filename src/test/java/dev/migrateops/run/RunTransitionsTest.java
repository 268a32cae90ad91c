package dev.migrateops.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class RunTransitionsTest {

    @Test
    void aTransactionWhoseConnectionWasLostBeforeItsCommitIsTriedAgainButNotOneWhoseCommitFailed() {
        var lostWhileWorking = new DataAccessResourceFailureException("This connection has been closed.");
        var rollbackFailedToo = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollbackFailedToo.initApplicationException(lostWhileWorking);

        assertThat(RunTransitions.storeLostBeforeCommit(new CannotGetJdbcConnectionException("refused"))).isTrue();
        assertThat(RunTransitions.storeLostBeforeCommit(lostWhileWorking)).isTrue();
        assertThat(RunTransitions.storeLostBeforeCommit(rollbackFailedToo)).isTrue();
        assertThat(RunTransitions.storeLostBeforeCommit(new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("An I/O error occurred", "08006")))).isFalse();
        assertThat(RunTransitions.storeLostBeforeCommit(new DuplicateKeyException("duplicate key"))).isFalse();
        assertThat(RunTransitions.storeLostBeforeCommit(new LeaseLostException(4))).isFalse();
    }
}
