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
 * The string shows something: not empty, not only white space, invisible format
 * characters, marks with no base or blank letters ({@link MessageText#isVisible}).
 * {@code null} is valid; combine with {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = Visible.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface Visible {

	String message() default "must contain a visible character (white space and zero-width characters do not count)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link Visible}. */
	class Validator implements ConstraintValidator<Visible, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || MessageText.isVisible(value);
		}

	}

}
