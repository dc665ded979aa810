package dev.faultline.benchmarks.run;

/**
 * A daemon thread that takes one sample every period until it is closed: the loop that
 * the breaker and rotation samplers share, each with its own sample.
 */
final class PeriodicSampler implements AutoCloseable {

	private final long periodMs;

	private final Runnable sample;

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * A sampler, not yet started.
	 * @param name the thread's name
	 * @param periodMs from the start of one sample to the start of the next (longer when
	 * a sample takes longer)
	 * @param sample takes and writes one sample
	 */
	PeriodicSampler(String name, long periodMs, Runnable sample) {
		this.periodMs = periodMs;
		this.sample = sample;
		this.thread = new Thread(this::loop, name);
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	private void loop() {
		while (this.running) {
			long next = System.currentTimeMillis() + this.periodMs;
			this.sample.run();
			long pause = next - System.currentTimeMillis();
			if (pause > 0) {
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.interrupt();
		this.thread.join(5000);
	}

}
