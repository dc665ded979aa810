package dev.faultline.ui.dashboard;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.faultline.ui.backend.BackendProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The UI's client of the backend's chaos API ({@code faultline.backend.management-url}):
 * the dashboard's buttons end up here, so the browser never talks to the backend. While a
 * dashboard is open, the chaos state is fetched in the background (on Boot's task
 * scheduler) every {@code faultline.dashboard.chaos-poll-interval}, so streaming a
 * snapshot never waits on the backend. The answers are bound to
 * {@link BackendChaosState}. Every call carries {@code faultline.backend.chaos-token},
 * when set, as {@code X-Chaos-Token}: the backend's chaos API may demand it.
 */
@Component
class BackendChaos implements DisposableBean {

	/** A dashboard that looked within this long is still watching. */
	private static final Duration WATCHED_FOR = Duration.ofSeconds(10);

	private final RestClient rest;

	private final Clock clock;

	private final TaskScheduler scheduler;

	private final ScheduledFuture<?> poll;

	private final AtomicLong asked = new AtomicLong();

	private final ReentrantLock polling = new ReentrantLock();

	private long answered;

	private volatile ChaosStatus latest;

	private volatile long watchedUntil;

	BackendChaos(RestClient.Builder builder, BackendProperties backend, DashboardProperties properties, Clock clock,
			TaskScheduler scheduler) {
		// Short timeouts: the management port answers in milliseconds even while the API
		// port hangs.
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(Duration.ofSeconds(3));
		RestClient.Builder chaosApi = builder.clone()
			.baseUrl(backend.managementUrl().toString())
			.requestFactory(requests);
		if (backend.chaosToken() != null && !backend.chaosToken().isEmpty()) {
			chaosApi.defaultHeader(BackendProperties.CHAOS_TOKEN_HEADER, backend.chaosToken());
		}
		this.rest = chaosApi.build();
		this.clock = clock;
		this.latest = ChaosStatus.unknown(clock.millis());
		this.scheduler = scheduler;
		Duration period = properties.chaosPollInterval();
		this.poll = scheduler.scheduleWithFixedDelay(this::refreshIfWatched,
				scheduler.getClock().instant().plus(period), period);
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
		return this.latest;
	}

	/** Reads the state now. */
	ChaosStatus refresh() {
		long asked = this.asked.incrementAndGet();
		ChaosStatus status;
		try {
			BackendChaosState state = this.rest.get().uri("/chaos").retrieve().body(BackendChaosState.class);
			status = (state != null) ? ChaosStatus.of(state, this.clock.millis())
					: ChaosStatus.unreachable("empty answer from the chaos API", this.clock.millis());
		}
		catch (RestClientException ex) {
			status = ChaosStatus.unreachable(problem(ex), this.clock.millis());
		}
		catch (RuntimeException ex) {
			// An answer that is not the chaos JSON; the poller must survive it.
			status = ChaosStatus.unreachable("unexpected answer: " + ex.getMessage(), this.clock.millis());
		}
		return update(asked, status);
	}

	/**
	 * Installs the action's scenario ({@code PUT /chaos/scenarios/{name}}), or ends all
	 * chaos ({@code DELETE /chaos}), and returns the state the backend answers with.
	 */
	ChaosStatus apply(ChaosAction action) {
		try {
			RestClient.RequestHeadersSpec<?> call = (action != ChaosAction.OFF)
					? this.rest.put().uri("/chaos/scenarios/{name}", action.id()) : this.rest.delete().uri("/chaos");
			long asked = this.asked.incrementAndGet();
			BackendChaosState state = call.retrieve().body(BackendChaosState.class);
			return (state != null) ? update(asked, ChaosStatus.of(state, this.clock.millis())) : refresh();
		}
		catch (RestClientException ex) {
			update(this.asked.incrementAndGet(), ChaosStatus.unreachable(problem(ex), this.clock.millis()));
			throw new ChaosUnavailableException(action, problem(ex), ex);
		}
	}

	@Override
	public void destroy() {
		this.poll.cancel(false);
	}

	private void refreshIfWatched() {
		// One background read at a time: a second poll while one waits on an unreachable
		// backend would only wait beside it.
		if (this.clock.millis() < this.watchedUntil && this.polling.tryLock()) {
			try {
				refresh();
			}
			finally {
				this.polling.unlock();
			}
		}
	}

	/**
	 * Keeps the answer to the newest question: a poll that started before a button was
	 * pressed must not overwrite what the button's call answered.
	 */
	private synchronized ChaosStatus update(long asked, ChaosStatus status) {
		if (asked > this.answered) {
			this.answered = asked;
			this.latest = status;
		}
		return this.latest;
	}

	private static String problem(RestClientException ex) {
		if (ex instanceof HttpClientErrorException.Unauthorized) {
			return "the chaos API wants its token: set faultline.backend.chaos-token (FAULTLINE_SPEAKER_TOKEN) "
					+ "to the backend's faultline.chaos.token";
		}
		Throwable cause = (ex.getMostSpecificCause() != null) ? ex.getMostSpecificCause() : ex;
		return "chaos API not reachable: " + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "");
	}

}
