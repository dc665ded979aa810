package dev.faultline.fuzz;

import java.time.Duration;

/**
 * A seeded black-box fuzzer for Faultline's two services, run against the real jars by
 * {@code scripts/fuzz.sh}.
 * <p>
 * Three phases, in this order: the backend's message API ({@code /api/messages}); the UI
 * (pages, the JSON feed, the posting form, the dashboard's controls, actuator); and last
 * the backend's chaos API on its management port, so that a fault installed by a fuzzed
 * request cannot disturb the other phases (every accepted change is undone at once with
 * {@code DELETE /chaos}). The same seed sends the same requests; only idempotency keys
 * carry a per-run prefix, so that a rerun against the same database is not answered with
 * the previous run's replays.
 * <p>
 * Every answer is judged:
 * <ul>
 * <li>a 5xx is a defect;</li>
 * <li>a 4xx must be {@code application/problem+json} whose {@code status} member is the
 * HTTP status, and a validation problem ({@code type} ending in {@code /validation}) must
 * name a non-empty {@code field} for each of its {@code errors}. Excused: Tomcat's own
 * HTML 400 for a request line it refuses before any application code runs (counted
 * apart), and on the UI a {@code text/html} page answering a page request or a form
 * post;</li>
 * <li>input the contract surely accepts must be accepted, input it surely refuses must be
 * refused (the generators say which; many inputs the contract leaves open are only
 * required not to break anything);</li>
 * <li>nothing is lost: every {@code 201} can be read back by its id as it was answered,
 * also at the end of the run; a refused post stores nothing; a form post answered with a
 * redirect stores exactly one message (none when its idempotency key was used before with
 * the same message).</li>
 * </ul>
 * Timeouts and connections closed without an answer are counted on their own, not as
 * defects; so are requests the harness makes to check outcomes ("oracle" requests, not
 * part of {@code --requests}).
 * <p>
 * Usage:
 * {@code java -jar fuzz.jar --seed N --requests N --backend URL --management URL --ui URL},
 * each URL of the form {@code http://127.0.0.1:PORT}: no other host is accepted. Exit
 * status 0 without defects, 1 with defects, 2 when the harness itself failed (bad
 * arguments, services not reachable, an error in a check).
 */
public final class Fuzz {

	private final FuzzRun run;

	Fuzz(FuzzOptions options) {
		// Only idempotency keys differ between two runs with one seed: a rerun against
		// the
		// same database must not be answered with the previous run's replays.
		this.run = new FuzzRun(options, "fz" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-");
	}

	public static void main(String[] args) {
		FuzzOptions options;
		try {
			options = FuzzOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("Fuzz: " + ex.getMessage());
			System.err.println("usage: java -jar fuzz.jar --seed N --requests N --backend URL --management URL --ui URL"
					+ "  (URLs http://127.0.0.1:PORT)");
			System.exit(2);
			return;
		}
		System.exit(new Fuzz(options).run());
	}

	/**
	 * Runs the three phases, checks that nothing was lost, prints the report; returns the
	 * exit status.
	 */
	int run() {
		long started = System.nanoTime();
		FuzzOptions options = this.run.options();
		int messages = options.requests() * 40 / 100;
		int ui = options.requests() * 35 / 100;
		int chaos = options.requests() - messages - ui;
		System.out.printf("Fuzz: seed %d, %d requests (message API %d, UI %d, chaos API %d), key prefix %s%n",
				options.seed(), options.requests(), messages, ui, chaos, this.run.keyPrefix());
		Ledger ledger = this.run.ledger();
		if (!ledger.start()) {
			System.out.println("Fuzz: the backend does not list its messages; is it running? Nothing fuzzed.");
			return 2;
		}
		new MessageApiFuzzer(this.run).run(messages);
		new UiFuzzer(this.run).run(ui);
		new ChaosFuzzer(this.run).run(chaos);
		ledger.finalSweep();
		Report report = this.run.report();
		report.print(options, ledger, Duration.ofNanos(System.nanoTime() - started));
		return report.exitStatus();
	}

}
