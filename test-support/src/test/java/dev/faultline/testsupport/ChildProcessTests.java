package dev.faultline.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link ChildProcess} with real processes ({@code sh} and {@code sleep}): a graceful
 * stop, the {@code SIGKILL} after the grace period, a kill that reaches the children and
 * a paused process, pause and resume seen in {@code /proc}, and the bounded wait for
 * readiness.
 */
class ChildProcessTests {

	private static final Duration WITHIN = Duration.ofSeconds(10);

	@TempDir
	Path dir;

	private ChildProcess process;

	@AfterEach
	void killWhatIsLeft() {
		if (this.process != null && this.process.isAlive()) {
			this.process.kill();
		}
	}

	@Test
	void outputAndErrorsAreAppendedToTheLog() {
		Path log = this.dir.resolve("logs/child.log");
		sh("echo first; echo second >&2", log);
		assertThat(this.process.awaitExit(WITHIN)).isTrue();
		sh("echo third", log);
		assertThat(this.process.awaitExit(WITHIN)).isTrue();

		assertThat(log).hasContent("first\nsecond\nthird");
		assertThat(this.process.exitValue()).isZero();
	}

	@Test
	void stopEndsAProcessThatHonoursTheSignalWithoutWaitingForTheGracePeriod() {
		sh("exec sleep 60");
		long start = System.nanoTime();

		this.process.stop(Duration.ofSeconds(30));

		assertThat(this.process.isAlive()).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void stopKillsAProcessThatIgnoresTheSignalOnceTheGracePeriodIsOver() {
		Path trapped = this.dir.resolve("trapped");
		sh("trap '' TERM; touch " + trapped + "; while true; do sleep 0.1; done");
		await().atMost(WITHIN).until(() -> Files.exists(trapped));
		long start = System.nanoTime();

		this.process.stop(Duration.ofMillis(500));

		assertThat(this.process.isAlive()).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500),
				Duration.ofSeconds(10));
	}

	@Test
	void stopResumesAPausedProcessSoThatItCanActOnTheSignal() {
		sh("exec sleep 60");
		this.process.pause();

		this.process.stop(Duration.ofSeconds(30));

		assertThat(this.process.isAlive()).isFalse();
		assertThat(this.process.paused()).isFalse();
	}

	@Test
	void killEndsAPausedProcessAndEveryProcessItForked() {
		sh("sleep 60 & sleep 60 & wait");
		await().atMost(WITHIN).until(() -> children().size() == 2);
		List<ProcessHandle> children = children();
		this.process.pause();

		this.process.kill();

		assertThat(this.process.isAlive()).isFalse();
		assertThat(children).noneMatch(ProcessHandle::isAlive);
	}

	@Test
	void pauseFreezesTheProcessAndItsChildrenAndResumeLetsThemRun() {
		sh("sleep 60 & wait");
		await().atMost(WITHIN).until(() -> children().size() == 1);
		ProcessHandle child = children().get(0);

		this.process.pause();
		await().atMost(WITHIN).until(() -> stopped(this.process.pid()) && stopped(child.pid()));
		assertThat(this.process.paused()).isTrue();

		this.process.resume();
		await().atMost(WITHIN).until(() -> !stopped(this.process.pid()) && !stopped(child.pid()));
		assertThat(this.process.paused()).isFalse();
	}

	@Test
	void awaitReadyReturnsOnceTheConditionHolds() {
		Path ready = this.dir.resolve("ready");
		sh("sleep 0.3; touch " + ready + "; exec sleep 60");

		Duration took = this.process.awaitReady(WITHIN, Duration.ofMillis(20), () -> Files.exists(ready));

		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(WITHIN);
		assertThat(this.process.isAlive()).isTrue();
	}

	@Test
	void awaitReadyFailsAsSoonAsTheProcessExitsNamingTheLog() {
		sh("exit 3");

		assertThatIllegalStateException()
			.isThrownBy(() -> this.process.awaitReady(Duration.ofSeconds(30), Duration.ofMillis(20), () -> false))
			.withMessage("child exited with 3 during start-up; see " + this.process.log());
	}

	@Test
	void awaitReadyKillsAProcessThatIsNotReadyInTime() {
		sh("exec sleep 60");

		assertThatIllegalStateException()
			.isThrownBy(() -> this.process.awaitReady(Duration.ofMillis(300), Duration.ofMillis(20), () -> false))
			.withMessageStartingWith("child was not ready within PT0.3S");
		assertThat(this.process.isAlive()).isFalse();
	}

	private void sh(String script) {
		sh(script, this.dir.resolve("child.log"));
	}

	private void sh(String script, Path log) {
		this.process = ChildProcess.start("child", List.of("sh", "-c", script), log);
	}

	private List<ProcessHandle> children() {
		return ProcessHandle.of(this.process.pid()).orElseThrow().children().toList();
	}

	/** Whether the state letter in {@code /proc/<pid>/stat} is {@code T}: stopped. */
	private static boolean stopped(long pid) throws Exception {
		String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
		return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
	}

}
