package dev.faultline.ui.dashboard;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import dev.faultline.ui.dashboard.ChaosResult.Outcome;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * One backend replica's chaos API, at its management root: what the chaos panel knows of
 * it and how it is asked. Nothing here throws for a replica that does not answer or says
 * no: the answer says so, so one broken replica never fails the others.
 */
final class ChaosTarget {

	private final String name;

	private final RestClient rest;

	private final Clock clock;

	private final AtomicLong asked = new AtomicLong();

	private long answered;

	private volatile TargetChaos latest;

	ChaosTarget(String name, RestClient rest, Clock clock) {
		this.name = name;
		this.rest = rest;
		this.clock = clock;
		this.latest = TargetChaos.unknown(name, clock.millis());
	}

	/**
	 * The name of each management root, in their order: its host, such as
	 * {@code backend-2}, or {@code host:port} where hosts repeat (all on
	 * {@code localhost}) or a host is called {@link BackendChaos#ALL}.
	 */
	static List<String> names(List<URI> roots) {
		List<String> hosts = roots.stream().map((root) -> root.getHost().toLowerCase(Locale.ROOT)).toList();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < roots.size(); i++) {
			String host = hosts.get(i);
			boolean unique = hosts.indexOf(host) == hosts.lastIndexOf(host) && !host.equals(BackendChaos.ALL);
			names.add(unique ? host : host + ":" + port(roots.get(i)));
		}
		return List.copyOf(names);
	}

	/** The name on the chaos panel's choice and in every answer. */
	String name() {
		return this.name;
	}

	/** The last known state, without waiting. */
	TargetChaos latest() {
		return this.latest;
	}

	/** Reads the state now ({@code GET /chaos}). */
	TargetChaos refresh() {
		long asked = this.asked.incrementAndGet();
		TargetChaos state;
		try {
			BackendChaosState answer = this.rest.get().uri("/chaos").retrieve().body(BackendChaosState.class);
			state = (answer != null) ? TargetChaos.of(this.name, answer, this.clock.millis())
					: TargetChaos.unreachable(this.name, "empty answer from the chaos API", this.clock.millis());
		}
		catch (RestClientException ex) {
			state = TargetChaos.unreachable(this.name, problem(ex), this.clock.millis());
		}
		catch (RuntimeException ex) {
			// An answer that is not the chaos JSON; the poller must survive it.
			state = TargetChaos.unreachable(this.name, "unexpected answer: " + ex.getMessage(), this.clock.millis());
		}
		return update(asked, state);
	}

	/**
	 * Installs the action's scenario ({@code PUT /chaos/scenarios/{name}}), or ends all
	 * chaos ({@code DELETE /chaos}), and says how that went.
	 */
	Outcome apply(ChaosAction action) {
		long asked = this.asked.incrementAndGet();
		try {
			RestClient.RequestHeadersSpec<?> call = (action != ChaosAction.OFF)
					? this.rest.put().uri("/chaos/scenarios/{name}", action.id()) : this.rest.delete().uri("/chaos");
			BackendChaosState answer = call.retrieve().body(BackendChaosState.class);
			if (answer != null) {
				update(asked, TargetChaos.of(this.name, answer, this.clock.millis()));
			}
			else {
				refresh();
			}
			return Outcome.applied(this.name);
		}
		catch (RestClientResponseException ex) {
			// It answered, so what it had before still holds.
			return Outcome.refused(this.name, problem(ex));
		}
		catch (RestClientException ex) {
			update(asked, TargetChaos.unreachable(this.name, problem(ex), this.clock.millis()));
			return Outcome.unreachable(this.name, problem(ex));
		}
		catch (RuntimeException ex) {
			// It answered, but not with the chaos JSON.
			return Outcome.refused(this.name, "unexpected answer: " + ex.getMessage());
		}
	}

	/** The outcome for a call that did not end in time. */
	Outcome noAnswerWithin(long waitedMs) {
		String problem = "chaos API not reachable: no answer within " + waitedMs + " ms";
		update(this.asked.incrementAndGet(), TargetChaos.unreachable(this.name, problem, this.clock.millis()));
		return Outcome.unreachable(this.name, problem);
	}

	/**
	 * Keeps the answer to the newest question: a poll that started before a button was
	 * pressed must not overwrite what the button's call answered.
	 */
	private synchronized TargetChaos update(long asked, TargetChaos state) {
		if (asked > this.answered) {
			this.answered = asked;
			this.latest = state;
		}
		return this.latest;
	}

	private static String problem(RestClientException ex) {
		if (ex instanceof HttpClientErrorException.Unauthorized) {
			return "the chaos API wants its token: set faultline.backend.chaos-token (FAULTLINE_SPEAKER_TOKEN) "
					+ "to the backend's faultline.chaos.token";
		}
		if (ex instanceof RestClientResponseException response) {
			return "the chaos API answered " + response.getStatusCode().value() + " "
					+ response.getStatusText().strip();
		}
		Throwable cause = (ex.getMostSpecificCause() != null) ? ex.getMostSpecificCause() : ex;
		return "chaos API not reachable: " + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "");
	}

	private static int port(URI root) {
		return (root.getPort() != -1) ? root.getPort() : ("https".equalsIgnoreCase(root.getScheme()) ? 443 : 80);
	}

}
