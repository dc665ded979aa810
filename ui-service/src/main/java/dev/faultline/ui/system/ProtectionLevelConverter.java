package dev.faultline.ui.system;

import dev.faultline.ui.resilience.ProtectionLevel;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Reads a {@code level} request parameter by its id ({@code circuit-breaker}), not by the
 * enum constant's name. Spring Boot registers converter beans with MVC; an unknown id
 * becomes a 400.
 */
@Component
class ProtectionLevelConverter implements Converter<String, ProtectionLevel> {

	@Override
	public ProtectionLevel convert(String id) {
		return ProtectionLevel.fromId(id.trim())
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown level '" + id + "'; allowed: " + ProtectionLevel.allowedIds()));
	}

}
