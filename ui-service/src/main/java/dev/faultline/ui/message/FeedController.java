package dev.faultline.ui.message;

import dev.faultline.ui.resilience.ProtectionLevel;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON twin of the messages page, for tools, tests and the dashboard:
 * {@code GET /api/feed?level=...}. Its errors (an unknown level, a failure at level none)
 * are answered by {@code system.ApiProblems}.
 */
@RestController
class FeedController {

	private final FeedService feeds;

	FeedController(FeedService feeds) {
		this.feeds = feeds;
	}

	@GetMapping(path = "/api/feed", produces = MediaType.APPLICATION_JSON_VALUE)
	Feed feed(@RequestParam(defaultValue = ProtectionLevel.Names.DEFAULT) ProtectionLevel level) {
		return this.feeds.feed(level);
	}

}
