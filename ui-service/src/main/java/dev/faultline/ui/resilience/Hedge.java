package dev.faultline.ui.resilience;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a level's reads are hedged: when the first attempt has not answered
 * within the hedge delay, the same read goes to another replica, and the first good
 * answer wins (see {@link Hedging} and {@link BackendCall#hedged}). Resilience4j's hedge
 * module is not published, so this is Faultline's own; like Resilience4j's annotations it
 * names the level it belongs to, and the level table reads it from the client class
 * ({@link ProtectionLevel#patterns()}). A method that calls {@code BackendCall.hedged}
 * without it is refused at its first call.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hedge {

	/** The level's id, as for Resilience4j's annotations. */
	String name();

}
