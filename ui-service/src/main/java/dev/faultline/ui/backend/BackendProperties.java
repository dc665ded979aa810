package dev.faultline.ui.backend;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * Where the backend's replicas are and how long one HTTP attempt may take on the
 * protected levels. Each value, and why it is what it is, is written once: in
 * {@code application.yml}.
 *
 * <p>
 * The replicas are checked as they are bound, so a wrong list stops the start with the
 * property and the value at fault: an entry that is empty, not an {@code http} or
 * {@code https} URL, without a host, or a replica (host and port) listed twice. A host
 * that does not resolve is no error: in compose its name may appear later (see
 * {@code replica.ReplicaHostCheck}). The management roots are checked the same way.
 *
 * @param baseUrl the backend's API root, such as {@code http://localhost:8081}: the only
 * replica when {@code replicas} is empty
 * @param replicas the API roots of the backend's replicas, such as
 * {@code http://backend-1:8081}; when none are configured, {@code baseUrl} alone
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long one attempt may take from sending the request to the last
 * byte of the body
 * @param maxConcurrentAttempts threads that run HTTP attempts for the protected levels;
 * more are refused at once
 * @param unprotectedMaxConnections connections level {@code none} may open at once: as
 * many as there are request threads, so that its pool never acts as a bulkhead nobody
 * asked for
 * @param managementUrl the backend's management root (actuator and the chaos API), for
 * the dashboard's chaos panel: the only one when {@code managementUrls} is empty
 * @param managementUrls each replica's management root, such as
 * {@code http://backend-2:9081}, so the chaos panel can break one replica or all of them;
 * when none are configured, {@code managementUrl} alone
 * @param chaosToken the backend's {@code faultline.chaos.token}, sent as
 * {@code X-Chaos-Token} on every chaos call, or empty to send none
 */
@Validated
@ConfigurationProperties(BackendProperties.PREFIX)
public record BackendProperties(@NotNull URI baseUrl, List<URI> replicas, @NotNull Duration connectTimeout,
		@NotNull Duration readTimeout, @Min(1) int maxConcurrentAttempts, @Min(1) int unprotectedMaxConnections,
		@NotNull URI managementUrl, List<URI> managementUrls, String chaosToken) {

	/** The header the backend's chaos API reads its token from. */
	public static final String CHAOS_TOKEN_HEADER = "X-Chaos-Token";

	static final String PREFIX = "faultline.backend";

	private static final String REPLICA = "replica";

	private static final String MANAGEMENT_ROOT = "management root";

	/**
	 * Fills in the single replica (and management root) when none are listed, and refuses
	 * a list the UI could not call.
	 */
	public BackendProperties {
		replicas = (replicas != null && !replicas.isEmpty()) ? checked(replicas, PREFIX + ".replicas", true, REPLICA)
				: checked(single(baseUrl), PREFIX + ".base-url", false, REPLICA);
		List<URI> oneRoot = (managementUrl != null) ? List.of(managementUrl) : List.of();
		managementUrls = (managementUrls != null && !managementUrls.isEmpty())
				? checked(managementUrls, PREFIX + ".management-urls", true, MANAGEMENT_ROOT)
				: checked(oneRoot, PREFIX + ".management-url", false, MANAGEMENT_ROOT);
	}

	/** The replicas, in the order configured. */
	public List<Replica> replicaList() {
		return this.replicas.stream().map(Replica::at).toList();
	}

	private static List<URI> single(@Nullable URI baseUrl) {
		if (baseUrl == null) {
			throw new IllegalArgumentException(
					"No backend replica: " + PREFIX + ".replicas is empty and " + PREFIX + ".base-url is not set");
		}
		return List.of(baseUrl);
	}

	private static List<URI> checked(List<URI> urls, String property, boolean indexed, String what) {
		Map<String, String> firstListedAs = new HashMap<>();
		for (int i = 0; i < urls.size(); i++) {
			String name = indexed ? property + "[" + i + "]" : property;
			URI url = urls.get(i);
			if (url == null || url.toString().isBlank()) {
				throw new IllegalArgumentException(name + " is empty: every " + what + " needs a URL such as "
						+ "http://backend-1:" + (REPLICA.equals(what) ? "8081" : "9081"));
			}
			String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!scheme.equals("http") && !scheme.equals("https")) {
				throw new IllegalArgumentException(
						name + " = '" + url + "' is not an http or https URL; write it as " + "http://host:port");
			}
			if (url.getHost() == null) {
				throw new IllegalArgumentException(name + " = '" + url + "' has no host; write it as http://host:port");
			}
			String id = Replica.at(url).id();
			String earlier = firstListedAs.putIfAbsent(id, name + " = '" + url + "'");
			if (earlier != null) {
				throw new IllegalArgumentException(name + " = '" + url + "' is " + what + " " + id + " again, as "
						+ earlier + "; list each " + what + " once");
			}
		}
		return List.copyOf(urls);
	}

}
