package dev.faultline.backend.system;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers in paths and query parameters are plain ASCII decimals: {@code 5},
 * {@code 05} or {@code -1}, never {@code 0x10}, {@code #10}, {@code +5} or digits of
 * other scripts, all of which Spring's default number editor accepts. Anything else is a
 * type error, answered as a 400 naming the parameter.
 * <p>
 * A property editor, not a {@code Converter}: when a converter fails, Spring falls back
 * to its lenient default editor, so only a registered editor actually replaces the
 * lenient parsing.
 */
@ControllerAdvice
class StrictNumberBinding {

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}");

	@InitBinder
	void strictWholeNumbers(WebDataBinder binder) {
		binder.registerCustomEditor(long.class, new Decimal(false));
		binder.registerCustomEditor(Long.class, new Decimal(false));
		binder.registerCustomEditor(int.class, new Decimal(true));
		binder.registerCustomEditor(Integer.class, new Decimal(true));
	}

	/** Parses a plain decimal into a {@code long} or an {@code int}. */
	private static final class Decimal extends PropertyEditorSupport {

		private final boolean asInt;

		Decimal(boolean asInt) {
			this.asInt = asInt;
		}

		@Override
		public void setAsText(String text) {
			if (text == null || text.isEmpty()) {
				setValue(null);
				return;
			}
			if (!DECIMAL.matcher(text).matches()) {
				throw new IllegalArgumentException("Not a plain decimal whole number");
			}
			long value = Long.parseLong(text);
			if (this.asInt && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
				throw new IllegalArgumentException("Out of the range of a whole number parameter");
			}
			setValue(this.asInt ? Integer.valueOf((int) value) : Long.valueOf(value));
		}

	}

}
