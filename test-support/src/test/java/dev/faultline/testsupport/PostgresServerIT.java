package dev.faultline.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PostgresServer} against Debian's real PostgreSQL, through the PostgreSQL JDBC
 * driver as an application logs in: skipped where PostgreSQL is not installed.
 */
class PostgresServerIT {

	private PostgresServer postgres;

	@BeforeEach
	void start() {
		this.postgres = PostgresServer.startOrSkip(PostgresServerIT.class);
	}

	@AfterEach
	void close() {
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void logsInWithItsPasswordOnItsOwnLoopbackPortAndRunsAQuery() throws Exception {
		assertThat(this.postgres.host()).isEqualTo("127.0.0.1");
		assertThat(this.postgres.jdbcUrl())
			.isEqualTo("jdbc:postgresql://127.0.0.1:" + this.postgres.port() + "/faultline");
		try (Connection connection = connect(this.postgres.password());
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT current_database(), current_user, 6 * 7")) {
			assertThat(row.next()).isTrue();
			assertThat(row.getString(1)).isEqualTo("faultline");
			assertThat(row.getString(2)).isEqualTo(this.postgres.username());
			assertThat(row.getInt(3)).isEqualTo(42);
		}
		try (PostgresServer other = PostgresServer.start()) {
			assertThat(other.port()).isNotEqualTo(this.postgres.port());
			assertThat(other.log().getParent()).isNotEqualTo(this.postgres.log().getParent());
			assertThat(other.password()).isNotEqualTo(this.postgres.password());
		}
	}

	@Test
	void refusesAWrongPassword() {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect("not-the-password"))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
	}

	@Test
	void restartOnTheSamePortKeepsWhatWasCommitted() throws Exception {
		int port = this.postgres.port();
		try (Connection connection = connect(this.postgres.password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE kept (text VARCHAR(20))");
			statement.execute("INSERT INTO kept VALUES ('committed')");
		}
		this.postgres.stop();
		assertThat(this.postgres.answers(Duration.ofMillis(300))).as("stopped").isFalse();
		this.postgres.restart();
		assertThat(this.postgres.port()).isEqualTo(port);
		try (Connection connection = connect(this.postgres.password());
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT text FROM kept")) {
			assertThat(row.next()).isTrue();
			assertThat(row.getString(1)).isEqualTo("committed");
		}
	}

	@Test
	void pausedServerAcceptsButAnswersNothingUntilResumedNotEvenAnOpenSession() throws Exception {
		try (Connection open = connect(this.postgres.password())) {
			this.postgres.pause();
			assertThat(this.postgres.paused()).isTrue();
			long started = System.nanoTime();
			assertThat(this.postgres.answers(Duration.ofMillis(300))).as("paused").isFalse();
			// The session's own process is frozen too: the driver's socket timeout (1 s)
			// ends the wait.
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(open));
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("bounded waits")
				.isLessThan(5_000);
		}
		this.postgres.resume();
		assertThat(this.postgres.answers(Duration.ofSeconds(2))).as("resumed").isTrue();
		try (Connection connection = connect(this.postgres.password())) {
			assertThat(query(connection)).isEqualTo(1);
		}
	}

	@Test
	void aPausedServerCanStillBeStoppedAndRestarted() throws Exception {
		this.postgres.pause();
		this.postgres.stop();
		this.postgres.restart();
		try (Connection connection = connect(this.postgres.password())) {
			assertThat(query(connection)).isEqualTo(1);
		}
	}

	@Test
	void closeEndsEvenAPausedServerAndItsProcessesAndDeletesItsDirectory() {
		Path dir = this.postgres.log().getParent();
		this.postgres.pause();
		this.postgres.close();
		assertThat(this.postgres.answers(Duration.ofMillis(300))).as("closed").isFalse();
		assertThat(dir).doesNotExist();
		this.postgres = null;
	}

	private Connection connect(String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.postgres.username());
		properties.setProperty("password", password);
		// Seconds, as the driver counts them: no wait in these tests is unbounded.
		properties.setProperty("connectTimeout", "2");
		properties.setProperty("loginTimeout", "5");
		properties.setProperty("socketTimeout", "1");
		return DriverManager.getConnection(this.postgres.jdbcUrl(), properties);
	}

	private static int query(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT 1")) {
			row.next();
			return row.getInt(1);
		}
	}

}
