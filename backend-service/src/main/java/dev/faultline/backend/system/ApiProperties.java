package dev.faultline.backend.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP API.
 *
 * @param maxBodySize the largest request body accepted; larger ones get a 413 problem
 */
@ConfigurationProperties("faultline.api")
record ApiProperties(DataSize maxBodySize) {

	ApiProperties {
		maxBodySize = (maxBodySize != null) ? maxBodySize : DataSize.ofKilobytes(16);
	}

}
