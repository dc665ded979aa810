package dev.faultline.ui.message;

import java.beans.PropertyEditorSupport;
import java.time.Clock;
import java.util.Set;

import dev.faultline.text.MessageText;
import dev.faultline.ui.backend.BackendRejectedException;
import dev.faultline.ui.backend.Posted;
import dev.faultline.ui.outbox.Outbox;
import dev.faultline.ui.outbox.OutboxFullException;
import dev.faultline.ui.outbox.OutboxKeyReusedException;
import dev.faultline.ui.outbox.OutboxUnavailableException;
import dev.faultline.ui.resilience.ProtectionLevel;
import dev.faultline.ui.resilience.ResiliencePattern;
import dev.faultline.ui.system.Violation;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The messages page at a chosen level, and its posting form.
 */
@Controller
class MessagesController {

	static final String VIEW = "messages";

	static final String ERROR_VIEW = "error";

	private static final Set<String> FORM_FIELDS = Set.of("author", "text");

	private static final String KEY_FIELD = "idempotencyKey";

	/** The backend names the header when it refuses a key. */
	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** The backend's rule for a key that came back with another request. */
	private static final String SAME_REQUEST = "same-request";

	private final FeedService feeds;

	private final Outbox outbox;

	private final Clock clock;

	MessagesController(FeedService feeds, Outbox outbox, Clock clock) {
		this.feeds = feeds;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Trims Unicode white space (a no-break space too) the way the backend does, so both
	 * see the same text.
	 */
	@InitBinder("form")
	void trimInput(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
			@Override
			public void setAsText(String text) {
				setValue(MessageText.trim(text));
			}
		});
	}

	@GetMapping("/")
	String showMessages(@RequestParam(defaultValue = ProtectionLevel.Names.DEFAULT) ProtectionLevel level,
			Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", MessageForm.blank());
		}
		return render(level, model);
	}

	@PostMapping("/messages")
	String postMessage(@RequestParam(defaultValue = ProtectionLevel.Names.DEFAULT) ProtectionLevel level,
			@Valid @ModelAttribute("form") MessageForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasFieldErrors(KEY_FIELD)) {
			// A key the backend would refuse: this form gets a good one, and the page
			// says to post again.
			form.renewIdempotencyKey();
			model.addAttribute("postFailure", "key-invalid");
			return render(level, model);
		}
		if (result.hasErrors()) {
			return render(level, model);
		}
		Posted posted;
		try {
			posted = this.feeds.post(level, form.toNewMessage(), form.getIdempotencyKey());
		}
		catch (PostFailedException ex) {
			if (ex.errors()
				.stream()
				.anyMatch((error) -> IDEMPOTENCY_KEY.equalsIgnoreCase(error.field())
						|| SAME_REQUEST.equals(error.rule()))) {
				// The key went out before with another text (an answer was lost, then the
				// text was edited): the
				// backend keeps its first message. This edited text is a new message, so
				// it gets a new key.
				form.renewIdempotencyKey();
				model.addAttribute("postFailure", "key-reused");
				return render(level, model);
			}
			// Otherwise the form comes back as typed, with the same key: sending it again
			// cannot store it twice.
			for (Violation error : ex.errors()) {
				if (FORM_FIELDS.contains(error.field())) {
					result.rejectValue(error.field(), error.rule(), error.message());
				}
			}
			boolean rejected = ex.getCause() instanceof BackendRejectedException;
			if (!rejected && level.uses(ResiliencePattern.FALLBACK)) {
				// The write side of the fallback: queue the post rather than fail it.
				Outbox.Availability queueing = this.outbox.availability();
				if (queueing == Outbox.Availability.AVAILABLE) {
					try {
						this.outbox.enqueue(form.toNewMessage(), form.getIdempotencyKey(), level);
						redirect.addFlashAttribute("queuedBecause", ex.reason().label());
						redirect.addAttribute("level", level.id());
						return "redirect:/";
					}
					catch (OutboxKeyReusedException reused) {
						// As when the backend says so, but the first text waits in the
						// queue: this edited text is a new message, so it gets a new key.
						form.renewIdempotencyKey();
						model.addAttribute("postFailure", "key-reused-queued");
						return render(level, model);
					}
					catch (OutboxFullException full) {
						queueing = Outbox.Availability.FULL;
						model.addAttribute("queueLimit", full.maxWaiting());
					}
					catch (OutboxUnavailableException unavailable) {
						queueing = Outbox.Availability.REDIS_UNREACHABLE;
					}
				}
				model.addAttribute("queueing", queueing.name());
			}
			model.addAttribute("postFailure",
					!rejected ? ex.reason().name() : (result.hasFieldErrors() ? "rejected" : "rejected-other"));
			return render(level, model);
		}
		redirect.addFlashAttribute("posted", posted);
		redirect.addAttribute("level", level.id());
		return "redirect:/";
	}

	/**
	 * Level {@code none} lets a backend failure through: the user sees an error page, as
	 * without the patterns.
	 */
	@ExceptionHandler(UnprotectedCallFailedException.class)
	ModelAndView unprotectedFailure(UnprotectedCallFailedException ex) {
		ModelAndView page = new ModelAndView(ERROR_VIEW, HttpStatus.BAD_GATEWAY);
		page.addObject("status", HttpStatus.BAD_GATEWAY.value());
		page.addObject("error", HttpStatus.BAD_GATEWAY.getReasonPhrase());
		page.addObject("reason", ex.reason());
		page.addObject("elapsedMs", ex.elapsedMs());
		return page;
	}

	private String render(ProtectionLevel level, Model model) {
		model.addAttribute("level", level);
		model.addAttribute("levels", ProtectionLevel.values());
		model.addAttribute("feed", this.feeds.feed(level));
		model.addAttribute("queued", this.outbox.waiting());
		model.addAttribute("now", this.clock.millis());
		return VIEW;
	}

}
