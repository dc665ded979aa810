package dev.faultline.backend.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP API, for the message API and the chaos API's bodies alike.
 *
 * @param maxBodySize the largest request body accepted; larger ones get a 413 problem
 */
@ConfigurationProperties("faultline.api")
public record ApiProperties(DataSize maxBodySize) {

	public ApiProperties {
		maxBodySize = (maxBodySize != null) ? maxBodySize : DataSize.ofKilobytes(16);
	}

}
