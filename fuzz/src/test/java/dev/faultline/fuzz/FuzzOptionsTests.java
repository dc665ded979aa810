package dev.faultline.fuzz;

import java.net.URI;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The command line of scripts/fuzz.sh: what it takes, and that it sends load to 127.0.0.1
 * only.
 */
class FuzzOptionsTests {

	@Test
	void readsTheCommandLineFuzzShPasses() {
		FuzzOptions options = FuzzOptions.parse(args("http://127.0.0.1:20001/"));
		assertThat(options.seed()).isEqualTo(42);
		assertThat(options.requests()).isEqualTo(500);
		assertThat(options.backend()).isEqualTo(URI.create("http://127.0.0.1:20001"));
		assertThat(options.management()).isEqualTo(URI.create("http://127.0.0.1:20002"));
		assertThat(options.ui()).isEqualTo(URI.create("http://127.0.0.1:20003"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:20001", "http://10.0.0.1:20001", "https://127.0.0.1:20001",
			"http://127.0.0.1", "http://127.0.0.1:20001/api", "http://127.0.0.1:20001?x=1",
			"http://u@127.0.0.1:20001" })
	void sendsNothingAnywhereButAPortOnTheLoopbackAddress(String backend) {
		assertThatIllegalArgumentException().isThrownBy(() -> FuzzOptions.parse(args(backend)))
			.withMessageContaining("only http://127.0.0.1:PORT");
	}

	@Test
	void refusesAMissingOrUnknownOptionAndABudgetOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FuzzOptions.parse(new String[] { "--seed", "1", "--requests", "100" }))
			.withMessage("missing --backend");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FuzzOptions.parse(concat(args("http://127.0.0.1:1"), "--host", "x")))
			.withMessage("unknown option --host");
		String[] tooFew = args("http://127.0.0.1:1");
		tooFew[3] = "9";
		assertThatIllegalArgumentException().isThrownBy(() -> FuzzOptions.parse(tooFew))
			.withMessage("--requests must be between 10 and 100000");
	}

	private static String[] args(String backend) {
		return new String[] { "--seed", "42", "--requests", "500", "--backend", backend, "--management",
				"http://127.0.0.1:20002", "--ui", "http://127.0.0.1:20003" };
	}

	private static String[] concat(String[] args, String name, String value) {
		String[] all = Arrays.copyOf(args, args.length + 2);
		all[args.length] = name;
		all[args.length + 1] = value;
		return all;
	}

}
