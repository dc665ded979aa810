package dev.faultline.ui.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import dev.faultline.ui.backend.BackendProperties;
import dev.faultline.ui.dashboard.ChaosResult.Outcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The UI's client of the backend replicas' chaos APIs
 * ({@code faultline.backend.management-urls}, or {@code management-url} alone): the
 * dashboard's buttons end up here, so the browser never talks to the backend. A button
 * goes to the whole backend (every replica) or to one replica ({@link ChaosTarget}); the
 * replicas are asked in parallel, each call within the short timeouts below, so one that
 * does not answer costs the others nothing and the button answers within
 * {@link #TOTAL_WAIT}. While a dashboard is open, every replica's chaos state is fetched
 * in the background (on Boot's task scheduler) every
 * {@code faultline.dashboard.chaos-poll-interval}, so streaming a snapshot never waits on
 * the backend. Every call carries {@code faultline.backend.chaos-token}, when set, as
 * {@code X-Chaos-Token}: the backend's chaos API may demand it.
 */
@Component
class BackendChaos implements DisposableBean {

	/** The target that means every replica: the default, as the talk's buttons mean. */
	static final String ALL = "all";

	/** The management port answers in milliseconds even while the API port hangs. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * The longest a button or a poll waits for all its replicas: one call's timeouts and
	 * a second for the threads.
	 */
	static final Duration TOTAL_WAIT = CONNECT_TIMEOUT.plus(READ_TIMEOUT).plusSeconds(1);

	/** A dashboard that looked within this long is still watching. */
	private static final Duration WATCHED_FOR = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(BackendChaos.class);

	private final List<ChaosTarget> targets;

	private final ExecutorService calls;

	private final Clock clock;

	private final TaskScheduler scheduler;

	private final ScheduledFuture<?> poll;

	private final ReentrantLock polling = new ReentrantLock();

	private volatile long watchedUntil;

	BackendChaos(RestClient.Builder builder, BackendProperties backend, DashboardProperties properties, Clock clock,
			TaskScheduler scheduler) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(READ_TIMEOUT);
		List<URI> roots = backend.managementUrls();
		List<String> names = ChaosTarget.names(roots);
		List<ChaosTarget> targets = new ArrayList<>();
		for (int i = 0; i < roots.size(); i++) {
			RestClient.Builder chaosApi = builder.clone().baseUrl(roots.get(i).toString()).requestFactory(requests);
			if (backend.chaosToken() != null && !backend.chaosToken().isEmpty()) {
				chaosApi.defaultHeader(BackendProperties.CHAOS_TOKEN_HEADER, backend.chaosToken());
			}
			targets.add(new ChaosTarget(names.get(i), chaosApi.build(), clock));
		}
		this.targets = List.copyOf(targets);
		// Two calls per replica at once: a poll waiting on a silent replica and a button.
		CustomizableThreadFactory threads = new CustomizableThreadFactory("ui-chaos-");
		threads.setDaemon(true);
		this.calls = Executors.newFixedThreadPool(2 * this.targets.size(), threads);
		this.clock = clock;
		this.scheduler = scheduler;
		Duration period = properties.chaosPollInterval();
		this.poll = scheduler.scheduleWithFixedDelay(this::refreshIfWatched,
				scheduler.getClock().instant().plus(period), period);
	}

	/** The replicas' names, in their order: the targets besides {@link #ALL}. */
	List<String> targetNames() {
		return this.targets.stream().map(ChaosTarget::name).toList();
	}

	/** Whether a button may name this target. */
	boolean isTarget(String target) {
		return ALL.equals(target) || targetNames().contains(target);
	}

	/** Every target a button may name, comma-separated, for error messages. */
	String allowedTargets() {
		return ALL + ", " + String.join(", ", targetNames());
	}

	/**
	 * The last known state, without waiting; also tells the poller that someone is
	 * watching.
	 */
	ChaosStatus latest() {
		long now = this.clock.millis();
		boolean quiet = now >= this.watchedUntil;
		// Before the refresh is scheduled: it only runs while someone is watching.
		this.watchedUntil = now + WATCHED_FOR.toMillis();
		if (quiet) {
			// The first dashboard after a quiet spell: fetch now rather than at the next
			// poll (unless the UI is shutting down and the scheduler takes no more work).
			try {
				this.scheduler.schedule(this::refreshIfWatched, this.scheduler.getClock().instant());
			}
			catch (TaskRejectedException ex) {
				// Shutting down: the last known state will do.
			}
		}
		return status();
	}

	/** Reads every replica's state now. */
	ChaosStatus refresh() {
		fanOut(this.targets, ChaosTarget::refresh, (target) -> {
			target.noAnswerWithin(TOTAL_WAIT.toMillis());
			return target.latest();
		});
		return status();
	}

	/**
	 * Sends the action to the target ({@link #ALL}, or one replica's name) and says per
	 * replica how it went.
	 * @throws ChaosUnavailableException when no replica took it
	 */
	ChaosResult apply(ChaosAction action, String target) {
		List<ChaosTarget> chosen = this.targets.stream()
			.filter((each) -> ALL.equals(target) || each.name().equals(target))
			.toList();
		if (chosen.isEmpty()) {
			throw new IllegalArgumentException("Not a chaos target: " + target);
		}
		List<Outcome> outcomes = fanOut(chosen, (each) -> each.apply(action),
				(each) -> each.noAnswerWithin(TOTAL_WAIT.toMillis()));
		ChaosResult result = new ChaosResult(action.id(), target, outcomes, status());
		if (!result.appliedAnywhere()) {
			throw new ChaosUnavailableException(action, result.failures());
		}
		if (!result.failures().isEmpty()) {
			logger.warn("Chaos action '" + action.id() + "' did not reach every replica: " + result.failures());
		}
		return result;
	}

	@Override
	public void destroy() {
		this.poll.cancel(false);
		this.calls.shutdownNow();
	}

	private ChaosStatus status() {
		return new ChaosStatus(this.targets.stream().map(ChaosTarget::latest).toList());
	}

	/**
	 * Runs the call for every target at once and waits for all of them, at most
	 * {@link #TOTAL_WAIT} in all; a target still busy then gets the late answer.
	 */
	private <T> List<T> fanOut(List<ChaosTarget> chosen, Function<ChaosTarget, T> call, Function<ChaosTarget, T> late) {
		List<CompletableFuture<T>> futures = new ArrayList<>();
		for (ChaosTarget target : chosen) {
			try {
				futures.add(CompletableFuture.supplyAsync(() -> call.apply(target), this.calls));
			}
			catch (RejectedExecutionException ex) {
				// Shutting down: no more calls.
				futures.add(CompletableFuture.failedFuture(ex));
			}
		}
		long deadline = System.nanoTime() + TOTAL_WAIT.toNanos();
		List<T> answers = new ArrayList<>();
		for (int i = 0; i < chosen.size(); i++) {
			try {
				answers.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			catch (TimeoutException | ExecutionException ex) {
				futures.get(i).cancel(true);
				answers.add(late.apply(chosen.get(i)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				answers.add(late.apply(chosen.get(i)));
			}
		}
		return answers;
	}

	private void refreshIfWatched() {
		// One background read at a time: a second poll while one waits on an unreachable
		// replica would only wait beside it.
		if (this.clock.millis() < this.watchedUntil && this.polling.tryLock()) {
			try {
				refresh();
			}
			finally {
				this.polling.unlock();
			}
		}
	}

}
