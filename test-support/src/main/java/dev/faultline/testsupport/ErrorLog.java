package dev.faultline.testsupport;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Collects every ERROR line logged, by any logger, while it is open: bad input must never
 * log one.
 */
public final class ErrorLog implements AutoCloseable {

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private ErrorLog() {
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	/** Starts collecting. */
	public static ErrorLog open() {
		return new ErrorLog();
	}

	/** The ERROR lines since the last {@link #clear()}, each as logger and message. */
	public List<String> errors() {
		List<ILoggingEvent> events;
		// The appender adds to its list under its own lock, from whichever thread logs.
		synchronized (this.appender) {
			events = List.copyOf(this.appender.list);
		}
		return events.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.map((event) -> event.getLoggerName() + ": " + event.getFormattedMessage())
			.toList();
	}

	/** Forgets what was logged so far, so that each check sees only its own lines. */
	public void clear() {
		synchronized (this.appender) {
			this.appender.list.clear();
		}
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.appender.stop();
	}

}
