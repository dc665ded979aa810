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
 * The string has at most {@link #value()} characters, counted as a reader counts them: in
 * Unicode code points ({@link MessageText#length}), so 40 emoji are 40, not 80.
 * {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = MaxCodePoints.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxCodePoints {

	/** The most code points allowed. */
	int value();

	String message() default "must be at most {value} characters (Unicode code points) after trimming";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link MaxCodePoints}. */
	class Validator implements ConstraintValidator<MaxCodePoints, String> {

		private int max;

		@Override
		public void initialize(MaxCodePoints annotation) {
			this.max = annotation.value();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || MessageText.length(value) <= this.max;
		}

	}

}
