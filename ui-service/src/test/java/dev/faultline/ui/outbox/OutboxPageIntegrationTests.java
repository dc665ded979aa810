package dev.faultline.ui.outbox;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.ui.backend.NewMessage;
import dev.faultline.ui.testsupport.AbstractUiIntegrationTests;
import dev.faultline.ui.testsupport.StubBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's list of waiting posts after a long outage: the newest few and a count of the
 * rest, so the page stays small however many posts wait. The posts are handed to the
 * outbox's in-memory view as the deliverer would after reading Redis; the page reads only
 * that view, which is what is tested here (queuing itself, against a real Redis, is in
 * {@link OutboxIT}).
 */
class OutboxPageIntegrationTests extends AbstractUiIntegrationTests {

	/** The issue's outage: 600 waiting posts made a 137 KB page. */
	private static final int WAITING = 600;

	private static final Pattern LISTED = Pattern.compile("<li class=\"message pending[^>]*>\\s*<div class=\"meta\">"
			+ "<strong>Grace</strong></div>\\s*<p>waiting #(\\d+)\\.</p>");

	@Autowired
	private Outbox outbox;

	@AfterEach
	void forgetTheWaitingPosts() {
		this.outbox.seen(Map.of());
	}

	@Test
	void aLongOutageListsOnlyTheNewestWaitingPostsAndCountsTheRest() {
		backend.stubFor(StubBackend.messageList().willReturn(StubBackend.messages("hello")));
		Map<String, QueuedPost> posts = new HashMap<>();
		for (int i = 0; i < WAITING; i++) {
			String key = "key-" + i;
			posts.put(key, QueuedPost.queued(new NewMessage("Grace", "waiting #" + i + "."), key, "full", 1_000L * i));
		}
		this.outbox.seen(posts);

		HttpResponse<String> page = this.ui.get("/?level=full");

		assertThat(page.statusCode()).isEqualTo(200);
		Matcher listed = LISTED.matcher(page.body());
		int shown = 0;
		while (listed.find()) {
			assertThat(Integer.parseInt(listed.group(1))).as("newest first").isEqualTo(WAITING - 1 - shown);
			shown++;
		}
		assertThat(shown).as("posts listed").isBetween(1, 50);
		assertThat(page.body()).contains("and " + (WAITING - shown) + " more waiting");
		assertThat(page.body().length()).as("page size").isLessThan(30 * 1024);
	}

}
