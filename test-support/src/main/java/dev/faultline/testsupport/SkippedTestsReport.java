package dev.faultline.testsupport;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says in the build output which tests did not run and why: a test disabled by a
 * condition ({@code @EnabledIf(disabledReason = ...)}) or aborted by an assumption (no
 * {@code redis-server}, no browser, no packaged backend jar). Surefire and Failsafe only
 * count skipped tests and send the tests' own output to files, so a skip would otherwise
 * pass unnoticed in a green build.
 *
 * <p>
 * Registered with the JUnit Platform through {@code META-INF/services}, so every module
 * that has {@code test-support} on its test classpath reports its skips. The lines go to
 * the process's own standard error, which the Maven plugins copy to the console as it is,
 * and are repeated as one list when the module's tests end.
 */
public final class SkippedTestsReport implements TestExecutionListener {

	private final PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
			StandardCharsets.UTF_8);

	private final List<String> skipped = new ArrayList<>();

	@Override
	public void executionSkipped(TestIdentifier test, String reason) {
		report(test, reason);
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
			report(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		if (this.skipped.isEmpty()) {
			return;
		}
		this.console.println("[SKIPPED] " + this.skipped.size() + " did not run here:");
		this.skipped.forEach((line) -> this.console.println("[SKIPPED]   " + line));
	}

	private void report(TestIdentifier test, String reason) {
		String line = name(test) + ": " + reason;
		this.skipped.add(line);
		this.console.println("[SKIPPED] " + line);
	}

	static String name(TestIdentifier test) {
		Optional<String> source = test.getSource().map((where) -> {
			if (where instanceof MethodSource method) {
				return simpleName(method.getClassName()) + "." + method.getMethodName();
			}
			if (where instanceof ClassSource type) {
				return simpleName(type.getClassName());
			}
			return null;
		});
		return source.orElse(test.getDisplayName());
	}

	private static String simpleName(String className) {
		return className.substring(className.lastIndexOf('.') + 1);
	}

}
