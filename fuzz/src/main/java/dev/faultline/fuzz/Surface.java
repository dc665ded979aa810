package dev.faultline.fuzz;

import java.util.List;
import java.util.Random;

/**
 * The base of each fuzzed surface (the message API, the UI's pages, form, JSON API and
 * dashboard, the chaos API): the run it belongs to, and the helpers every generator uses,
 * so that a generator reads as the request it builds.
 */
abstract class Surface {

	protected final FuzzRun run;

	protected final Random random;

	protected final Report report;

	protected final Ledger ledger;

	protected final Values values;

	Surface(FuzzRun run) {
		this.run = run;
		this.random = run.random();
		this.report = run.report();
		this.ledger = run.ledger();
		this.values = run.values();
	}

	protected Answer fuzz(Probe probe) {
		return this.run.fuzz(probe);
	}

	protected Answer oracle(Probe probe) {
		return this.run.oracle(probe);
	}

	protected Probe backend(String method, String target) {
		return this.run.backend(method, target);
	}

	protected Probe management(String method, String target) {
		return this.run.management(method, target);
	}

	protected Probe ui(String method, String target) {
		return this.run.ui(method, target);
	}

	protected void clearChaos() {
		this.run.clearChaos();
	}

	protected void expectNoFault(Probe cause, Answer causeAnswer) {
		this.run.expectNoFault(cause, causeAnswer);
	}

	protected boolean chance(int percent) {
		return this.run.chance(percent);
	}

	protected int between(int min, int max) {
		return this.run.between(min, max);
	}

	@SafeVarargs
	protected final <T> T pick(T... items) {
		return this.run.pick(items);
	}

	protected <T> T pick(List<T> items) {
		return this.run.pick(items);
	}

	protected String freshKey() {
		return this.run.freshKey();
	}

	protected int keyCounter() {
		return this.run.keyCounter();
	}

	protected void step(Runnable step) {
		this.run.step(step);
	}

}
