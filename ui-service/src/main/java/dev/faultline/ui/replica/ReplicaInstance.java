package dev.faultline.ui.replica;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import dev.faultline.ui.backend.Replica;

import org.springframework.cloud.client.ServiceInstance;

/**
 * A backend replica as Spring Cloud LoadBalancer sees it: a {@link ServiceInstance} that
 * carries the {@link Replica} it stands for, so the chosen instance needs no lookup.
 *
 * @param replica the replica
 */
record ReplicaInstance(Replica replica) implements ServiceInstance {

	@Override
	public String getInstanceId() {
		return this.replica.id();
	}

	@Override
	public String getServiceId() {
		return Rotation.SERVICE_ID;
	}

	@Override
	public String getHost() {
		return this.replica.baseUrl().getHost();
	}

	@Override
	public int getPort() {
		return Integer.parseInt(this.replica.id().substring(this.replica.id().lastIndexOf(':') + 1));
	}

	@Override
	public boolean isSecure() {
		return "https".equals(getScheme());
	}

	@Override
	public URI getUri() {
		return this.replica.baseUrl();
	}

	@Override
	public String getScheme() {
		return this.replica.baseUrl().getScheme().toLowerCase(Locale.ROOT);
	}

	@Override
	public Map<String, String> getMetadata() {
		return Map.of();
	}

}
