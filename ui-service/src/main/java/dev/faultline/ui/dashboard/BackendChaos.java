package dev.faultline.ui.dashboard;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import dev.faultline.ui.backend.BackendProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The UI's client of the backend's chaos API ({@code faultline.backend.management-url}):
 * the dashboard's buttons end up here, so the browser never talks to the backend. While a
 * dashboard is open, the chaos state is fetched in the background (on Boot's task
 * scheduler) every {@code faultline.dashboard.chaos-poll-interval}, so streaming a
 * snapshot never waits on the backend. The answers are bound to
 * {@link BackendChaosState}.
 */
@Component
class BackendChaos implements DisposableBean {

	/** A dashboard that looked within this long is still watching. */
	private static final Duration WATCHED_FOR = Duration.ofSeconds(10);

	private final RestClient rest;

	private final Clock clock;

	private final TaskScheduler scheduler;

	private final ScheduledFuture<?> poll;

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
		this.rest = builder.clone().baseUrl(backend.managementUrl().toString()).requestFactory(requests).build();
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
		if (now >= this.watchedUntil) {
			// The first dashboard after a quiet spell: fetch now rather than at the next
			// poll.
			this.scheduler.schedule(this::refresh, this.scheduler.getClock().instant());
		}
		this.watchedUntil = now + WATCHED_FOR.toMillis();
		return this.latest;
	}

	/** Reads the state now. */
	ChaosStatus refresh() {
		try {
			BackendChaosState state = this.rest.get().uri("/chaos").retrieve().body(BackendChaosState.class);
			this.latest = (state != null) ? ChaosStatus.of(state, this.clock.millis())
					: ChaosStatus.unreachable("empty answer from the chaos API", this.clock.millis());
		}
		catch (RestClientException ex) {
			this.latest = ChaosStatus.unreachable(problem(ex), this.clock.millis());
		}
		catch (RuntimeException ex) {
			// An answer that is not the chaos JSON; the poller must survive it.
			this.latest = ChaosStatus.unreachable("unexpected answer: " + ex.getMessage(), this.clock.millis());
		}
		return this.latest;
	}

	/**
	 * Installs the action's scenario ({@code PUT /chaos/scenarios/{name}}), or ends all
	 * chaos ({@code DELETE /chaos}), and returns the state the backend answers with.
	 */
	ChaosStatus apply(ChaosAction action) {
		try {
			RestClient.RequestHeadersSpec<?> call = (action != ChaosAction.OFF)
					? this.rest.put().uri("/chaos/scenarios/{name}", action.id()) : this.rest.delete().uri("/chaos");
			BackendChaosState state = call.retrieve().body(BackendChaosState.class);
			this.latest = (state != null) ? ChaosStatus.of(state, this.clock.millis()) : refresh();
			return this.latest;
		}
		catch (RestClientException ex) {
			this.latest = ChaosStatus.unreachable(problem(ex), this.clock.millis());
			throw new ChaosUnavailableException(action, problem(ex), ex);
		}
	}

	@Override
	public void destroy() {
		this.poll.cancel(false);
	}

	private void refreshIfWatched() {
		if (this.clock.millis() < this.watchedUntil) {
			refresh();
		}
	}

	private static String problem(RestClientException ex) {
		Throwable cause = (ex.getMostSpecificCause() != null) ? ex.getMostSpecificCause() : ex;
		return "chaos API not reachable: " + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "");
	}

}
