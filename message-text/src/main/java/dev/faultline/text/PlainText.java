package dev.faultline.text;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The string contains no code point the plain-text rule refuses
 * ({@link MessageText#firstForbidden}): control and format characters (zero-width joiners
 * and non-joiners between visible characters, and the tags of an emoji flag sequence,
 * excepted), unpaired surrogates, private-use and unassigned code points, noncharacters
 * and U+FFFD. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	String message() default "must not contain control or format characters (such as line breaks, zero-width spaces, bidi controls or tags; a zero-width joiner or non-joiner only between two visible characters), private-use or unassigned code points, unpaired surrogates, U+FFFD or noncharacters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link PlainText}. */
	class Validator implements ConstraintValidator<PlainText, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || MessageText.firstForbidden(value) == -1;
		}

	}

}
