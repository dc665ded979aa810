package dev.faultline.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link RedisServer} against Debian's real {@code redis-server}: skipped where it is not
 * installed.
 */
class RedisServerIT {

	private RedisServer redis;

	@BeforeEach
	void start() {
		this.redis = RedisServer.startOrSkip(RedisServerIT.class);
	}

	@AfterEach
	void close() {
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void answersPingOnItsOwnLoopbackPortAndLogsInItsDirectory() throws Exception {
		assertThat(this.redis.host()).isEqualTo("127.0.0.1");
		assertThat(this.redis.ping(Duration.ofSeconds(2))).isTrue();
		assertThat(this.redis.command("PING")).isEqualTo("PONG");
		assertThat(this.redis.command("CONFIG", "GET", "appendonly")).isEqualTo("[appendonly, yes]");
		assertThat(this.redis.log()).content().contains("Ready to accept connections");
		try (RedisServer other = RedisServer.start()) {
			assertThat(other.port()).isNotEqualTo(this.redis.port());
			assertThat(other.log().getParent()).isNotEqualTo(this.redis.log().getParent());
		}
	}

	@Test
	void commandReportsAnErrorReplyAsAnException() {
		assertThatIllegalStateException().isThrownBy(() -> this.redis.command("NO-SUCH-COMMAND"))
			.withMessageContaining("ERR");
		assertThat(this.redis.command("GET", "missing")).isNull();
		assertThat(this.redis.command("INCR", "counter")).isEqualTo("1");
	}

	@Test
	void restartOnTheSamePortKeepsWhatTheAppendOnlyFileHolds() {
		int port = this.redis.port();
		assertThat(this.redis.command("SET", "outbox", "kept")).isEqualTo("OK");
		assertThat(this.redis.command("XADD", "stream", "*", "text", "queued")).isNotBlank();
		this.redis.stop();
		assertThat(this.redis.ping(Duration.ofMillis(300))).as("stopped").isFalse();
		this.redis.restart();
		assertThat(this.redis.port()).isEqualTo(port);
		assertThat(this.redis.command("GET", "outbox")).isEqualTo("kept");
		assertThat(this.redis.command("XLEN", "stream")).isEqualTo("1");
	}

	@Test
	void pausedServerAcceptsButDoesNotAnswerUntilResumed() {
		this.redis.pause();
		long started = System.nanoTime();
		assertThat(this.redis.ping(Duration.ofMillis(300))).as("paused").isFalse();
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("bounded wait").isLessThan(2_000);
		this.redis.resume();
		assertThat(this.redis.ping(Duration.ofSeconds(2))).as("resumed").isTrue();
	}

	@Test
	void aPausedServerCanStillBeStoppedAndRestarted() {
		this.redis.command("SET", "key", "value");
		this.redis.pause();
		this.redis.stop();
		this.redis.restart();
		assertThat(this.redis.command("GET", "key")).isEqualTo("value");
	}

	@Test
	void closeKillsEvenAPausedServerAndDeletesItsDirectory() {
		Path dir = this.redis.log().getParent();
		this.redis.pause();
		this.redis.close();
		assertThat(this.redis.ping(Duration.ofMillis(300))).as("killed").isFalse();
		assertThat(dir).doesNotExist();
		this.redis = null;
	}

}
