package dev.faultline.ui.testsupport;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Collects every ERROR line logged, by any logger, while it is open: bad input must never log one.
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

	/** The ERROR lines so far, each as logger and message. */
	public synchronized List<String> errors() {
		return List.copyOf(this.appender.list).stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.map((event) -> event.getLoggerName() + ": " + event.getFormattedMessage())
			.toList();
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.appender.stop();
	}

}
