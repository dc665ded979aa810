package dev.faultline.ui.resilience;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Finds the client bean of each protection level.
 */
@Component
public class MessageClients {

	private final Map<ProtectionLevel, MessageClient> byLevel = new EnumMap<>(ProtectionLevel.class);

	MessageClients(List<MessageClient> clients) {
		clients.forEach((client) -> this.byLevel.put(client.level(), client));
		for (ProtectionLevel level : ProtectionLevel.values()) {
			if (!this.byLevel.containsKey(level)) {
				throw new IllegalStateException("No MessageClient bean for level " + level.id());
			}
		}
	}

	/** The client of the level. */
	public MessageClient at(ProtectionLevel level) {
		return this.byLevel.get(level);
	}

}
