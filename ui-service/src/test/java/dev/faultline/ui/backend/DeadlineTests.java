package dev.faultline.ui.backend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The whole-exchange deadline on its own: a {@link DeadlineTimer} cuts an exchange when
 * its time is up, and a {@link Deadline} and its {@link DeadlineStream} then report a
 * timeout whatever the socket said.
 */
class DeadlineTests {

	private static final Duration LONG = Duration.ofMinutes(1);

	private final DeadlineTimer shortTimer = new DeadlineTimer(Duration.ofMillis(1));

	private final DeadlineTimer longTimer = new DeadlineTimer(LONG);

	@AfterEach
	void stopTimers() {
		this.shortTimer.close();
		this.longTimer.close();
	}

	/** Arms a deadline that passes at once, and waits until it has cut. */
	private Deadline passed() throws InterruptedException {
		CountDownLatch cut = new CountDownLatch(1);
		Deadline deadline = this.shortTimer.arm(cut::countDown);
		assertThat(cut.await(10, TimeUnit.SECONDS)).as("the cut ran").isTrue();
		return deadline;
	}

	@Test
	void cutsTheExchangeWhenItsTimeIsUp() throws InterruptedException {
		Deadline deadline = passed();

		assertThat(deadline.hasPassed()).isTrue();
	}

	@Test
	void aDisarmedDeadlineNeverCuts() throws InterruptedException {
		CountDownLatch cut = new CountDownLatch(1);
		Deadline deadline = this.longTimer.arm(cut::countDown);

		deadline.disarm();

		assertThat(deadline.cut().isCancelled()).isTrue();
		assertThat(deadline.hasPassed()).isFalse();
		assertThat(cut.getCount()).isOne();
	}

	@Test
	void afterTheCutAFailureIsReportedAsATimeoutCausedByIt() throws InterruptedException {
		IOException reset = new IOException("Connection reset");

		IOException reported = passed().explain(reset);

		assertThat(reported).isInstanceOf(SocketTimeoutException.class)
			.hasMessage("No complete answer within 1 ms; the exchange was cut")
			.hasCause(reset);
	}

	@Test
	void beforeTheCutAFailureIsReportedAsItIs() {
		IOException reset = new IOException("Connection reset");

		assertThat(this.longTimer.arm(() -> {
		}).explain(reset)).isSameAs(reset);
		assertThat(Deadline.NONE.explain(reset)).isSameAs(reset);
	}

	@Test
	void noDeadlineNeverPasses() {
		Deadline.NONE.disarm();

		assertThat(Deadline.NONE.hasPassed()).isFalse();
	}

	/** The body of an answer read under a deadline. */
	@Nested
	class Body {

		private static InputStream text(String body) {
			return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
		}

		@Test
		void readToItsEndInTimeDisarmsTheDeadline() throws IOException {
			Deadline deadline = DeadlineTests.this.longTimer.arm(() -> {
			});

			try (InputStream body = new DeadlineStream(text("[]"), deadline)) {
				assertThat(body.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("[]");
			}

			assertThat(deadline.cut().isCancelled()).isTrue();
		}

		@Test
		void anEndCausedByTheCutIsAnIncompleteAnswerReportedAsATimeout() throws Exception {
			Deadline deadline = passed();

			try (InputStream body = new DeadlineStream(text(""), deadline)) {
				assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(body::read)
					.withMessageContaining("the exchange was cut")
					.havingCause()
					.withMessage("The body ended when the exchange was cut");
				assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> body.read(new byte[8], 0, 8))
					.havingCause()
					.withMessage("The body ended when the exchange was cut");
			}
		}

		@Test
		void aReadFailingAfterTheCutIsATimeout() throws Exception {
			Deadline deadline = passed();
			InputStream closedSocket = new InputStream() {
				@Override
				public int read() throws IOException {
					throw new IOException("Socket closed");
				}
			};

			try (InputStream body = new DeadlineStream(closedSocket, deadline)) {
				assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(body::read)
					.withMessageContaining("the exchange was cut")
					.withCauseInstanceOf(IOException.class);
				assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> body.read(new byte[8], 0, 8))
					.withMessageContaining("the exchange was cut");
			}
		}

	}

}
