package dev.faultline.backend.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.lang.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that is unavailable for now (unreachable, hanging, too slow, the
 * connection broken or the pool exhausted: worth a retry, and not a fault of this code)
 * from everything else a database can report, which stays a bug.
 */
final class DatabaseFailures {

	private DatabaseFailures() {
	}

	/**
	 * The failure in the cause chain that makes the database unavailable, if there is
	 * one. The chain, because Spring Data JDBC wraps what the database said in its own
	 * {@code DbActionExecutionException}.
	 */
	static Optional<Throwable> unavailability(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (isUnavailability(cause)) {
				return Optional.of(cause);
			}
		}
		return Optional.empty();
	}

	private static boolean isUnavailability(Throwable cause) {
		// Spring's translation: SQLState classes 08 (connection), 53 (resources), 57
		// (operator intervention, such as a cancelled statement) and the timeouts.
		if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
				|| cause instanceof RecoverableDataAccessException
				|| cause instanceof CannotCreateTransactionException) {
			return true;
		}
		// JDBC's own: the pool's timeout (SQLTransientConnectionException), a driver's
		// broken connection.
		if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
				|| cause instanceof SQLNonTransientConnectionException) {
			return true;
		}
		if (cause instanceof SQLException sql && sql.getSQLState() != null) {
			String state = sql.getSQLState();
			return state.startsWith("08") || state.startsWith("53") || state.startsWith("57");
		}
		return false;
	}

	@Nullable
	private static Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}
