package dev.faultline.ui.backend;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The two HTTP clients of the backend: both Spring {@link RestClient} over Apache
 * HttpClient 5 (see {@link BackendRequestFactory}), one with timeouts and a deadline per
 * attempt for the protected levels, one with the library's defaults for the unprotected
 * level. Neither repeats a request on its own, and neither has a base URL: each call
 * names the replica it goes to.
 */
@Configuration(proxyBeanMethods = false)
class BackendClientConfiguration {

	@Bean(MessagesBackend.PROTECTED)
	@Qualifier(MessagesBackend.PROTECTED)
	MessagesBackend protectedBackend(RestClient.Builder builder, BackendProperties properties) {
		// One connection per attempt thread: the attempt executor, not the pool, decides
		// how many calls run.
		BackendRequestFactory requests = BackendRequestFactory.withTimeouts(properties.connectTimeout(),
				properties.readTimeout(), properties.maxConcurrentAttempts());
		return new MessagesBackend(builder.clone().requestFactory(requests).build(), requests);
	}

	@Bean(MessagesBackend.UNPROTECTED)
	@Qualifier(MessagesBackend.UNPROTECTED)
	MessagesBackend unprotectedBackend(RestClient.Builder builder, BackendProperties properties) {
		// The library defaults on purpose: no read timeout, no deadline. This is the path
		// that hangs.
		BackendRequestFactory requests = BackendRequestFactory
			.withLibraryDefaults(properties.unprotectedMaxConnections());
		return new MessagesBackend(builder.clone().requestFactory(requests).build(), requests);
	}

}
