package dev.faultline.ui.dashboard;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.ui.backend.BackendProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The UI's client of the backend's chaos API ({@code faultline.backend.management-url}):
 * the dashboard's buttons end up here, so the browser never talks to the backend. While a
 * dashboard is open, the chaos state is fetched in the background every
 * {@code faultline.dashboard.chaos-poll-interval}, so streaming a snapshot never waits on
 * the backend.
 */
@Component
class BackendChaos implements DisposableBean {

	/** A dashboard that looked within this long is still watching. */
	private static final Duration WATCHED_FOR = Duration.ofSeconds(10);

	private final RestClient rest;

	private final Clock clock;

	private final ScheduledExecutorService poller;

	private volatile ChaosStatus latest;

	private volatile long watchedUntil;

	BackendChaos(RestClient.Builder builder, BackendProperties backend, DashboardProperties properties, Clock clock) {
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
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dashboard-chaos-");
		threads.setDaemon(true);
		this.poller = Executors.newSingleThreadScheduledExecutor(threads);
		long period = properties.chaosPollInterval().toMillis();
		this.poller.scheduleWithFixedDelay(this::refreshIfWatched, period, period, TimeUnit.MILLISECONDS);
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
			this.poller.execute(this::refresh);
		}
		this.watchedUntil = now + WATCHED_FOR.toMillis();
		return this.latest;
	}

	/** Reads the state now. */
	ChaosStatus refresh() {
		try {
			JsonNode state = this.rest.get().uri("/chaos").retrieve().body(JsonNode.class);
			this.latest = (state != null) ? ChaosStatus.from(state, this.clock.millis())
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
	 * Makes the action's calls to the chaos API and returns the state they leave behind.
	 */
	ChaosStatus apply(ChaosAction action) {
		try {
			JsonNode state = null;
			for (ChaosAction.Step step : action.steps()) {
				state = this.rest.method(step.method()).uri(step.path()).retrieve().body(JsonNode.class);
			}
			this.latest = (state != null) ? ChaosStatus.from(state, this.clock.millis()) : refresh();
			return this.latest;
		}
		catch (RestClientException ex) {
			this.latest = ChaosStatus.unreachable(problem(ex), this.clock.millis());
			throw new ChaosUnavailableException(action, problem(ex), ex);
		}
	}

	@Override
	public void destroy() {
		this.poller.shutdownNow();
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
