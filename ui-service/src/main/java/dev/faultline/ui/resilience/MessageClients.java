package dev.faultline.ui.resilience;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.stereotype.Component;

/**
 * Finds the client bean of each protection level, by the client class the level table
 * names.
 */
@Component
public class MessageClients {

	private final Map<ProtectionLevel, MessageClient> byLevel = new EnumMap<>(ProtectionLevel.class);

	MessageClients(List<MessageClient> clients) {
		for (ProtectionLevel level : ProtectionLevel.values()) {
			MessageClient client = clients.stream()
				.filter((candidate) -> AopUtils.getTargetClass(candidate) == level.clientType())
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No " + level.clientType().getSimpleName() + " bean for level " + level.id()));
			this.byLevel.put(level, client);
		}
	}

	/** The client of the level. */
	public MessageClient at(ProtectionLevel level) {
		return this.byLevel.get(level);
	}

}
