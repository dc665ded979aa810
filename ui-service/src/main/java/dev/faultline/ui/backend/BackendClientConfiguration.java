package dev.faultline.ui.backend;

import java.net.http.HttpClient;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The two HTTP clients of the backend: both Spring {@link RestClient} over the JDK {@link HttpClient}, one with
 * timeouts for the protected levels, one with the library defaults for the unprotected level.
 *
 * <p>The JDK client is used because Spring's {@link JdkClientHttpRequestFactory} applies its read timeout to the
 * whole exchange, body included (it closes the response when the time is up), so a body trickling one byte at a
 * time cannot outlive one attempt; a socket read timeout resets on every byte and would not notice. HTTP/1.1 is
 * pinned so the client never tries an h2c upgrade against the backend.
 */
@Configuration(proxyBeanMethods = false)
class BackendClientConfiguration {

	@Bean(MessagesBackend.PROTECTED)
	@Qualifier(MessagesBackend.PROTECTED)
	MessagesBackend protectedBackend(RestClient.Builder builder, BackendProperties properties) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(properties.readTimeout());
		return new MessagesBackend(builder.clone().baseUrl(properties.baseUrl().toString()).requestFactory(requests).build());
	}

	@Bean(MessagesBackend.UNPROTECTED)
	@Qualifier(MessagesBackend.UNPROTECTED)
	MessagesBackend unprotectedBackend(RestClient.Builder builder, BackendProperties properties) {
		// The library defaults on purpose: no connect timeout, no read timeout. This is the path that hangs.
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		return new MessagesBackend(builder.clone()
			.baseUrl(properties.baseUrl().toString())
			.requestFactory(new JdkClientHttpRequestFactory(client))
			.build());
	}

}
