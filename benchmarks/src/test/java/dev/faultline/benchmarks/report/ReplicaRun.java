package dev.faultline.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small run of three replica scenarios, written as {@code ReplicaRunner} writes it:
 * three healthy replicas, the second one hanging, and all three refusing connections.
 */
final class ReplicaRun {

	static final long T0 = 1_800_000_000_000L;

	static final String A = "127.0.0.1:1001";

	static final String B = "127.0.0.1:1002";

	static final String C = "127.0.0.1:1003";

	private ReplicaRun() {
	}

	/**
	 * Healthy (6 s): 100 reads per level taking 1 to 100 ms, at full 10 of them with a
	 * hedge (1.1 calls per read). Hang of B (fault 2 s to 6 s): at full 20 reads before
	 * it of 10 ms, then in the window 38 live reads of 20 ms, one of 1500 ms with a hedge
	 * and one live from B after 2100 ms (over the deadline); at none 26 live reads of 20
	 * ms and 14 without an answer. B out of rotation 500 ms after the fault and back 300
	 * ms after it. All down (fault 2 s to 6 s): A out after 400 ms, all back 600 ms
	 * after; the full breaker OPEN after 1200 ms; every read of the window from the cache
	 * at full, failed at none.
	 */
	static void write(Path dir) throws IOException {
		List<String> reads = new ArrayList<>();
		reads.add(ReplicaCheck.HEADERS.get(ReplicaResults.REQUESTS));
		long healthy = T0;
		for (int i = 0; i < 100; i++) {
			long at = healthy + i * 50;
			String replica = List.of(A, B, C).get(i % 3);
			reads.add("replica-healthy,none,/api/feed," + at + "," + (i + 1) + ",200,live,,1,true," + replica);
			reads.add("replica-healthy,full,/api/feed," + at + "," + (i + 1) + ",200,live,," + ((i < 10) ? 2 : 1)
					+ ",true," + replica);
			reads.add("replica-healthy,full,/about," + at + ",2,200,,,,true,");
		}
		long hang = T0 + 100_000;
		for (int i = 0; i < 20; i++) {
			reads.add("replica-hang,full,/api/feed," + (hang + i * 100) + ",10,200,live,,1,true," + A);
			reads.add("replica-hang,none,/api/feed," + (hang + i * 100) + ",10,200,live,,1,true," + C);
		}
		for (int i = 0; i < 40; i++) {
			long at = hang + 2000 + i * 100;
			String full;
			if (i == 0) {
				full = "2100,200,live,,1,false," + B;
			}
			else if (i == 1) {
				full = "1500,200,live,,2,true," + A;
			}
			else {
				full = "20,200,live,,1,true," + ((i % 2 == 0) ? A : C);
			}
			reads.add("replica-hang,full,/api/feed," + at + "," + full);
			reads.add("replica-hang,none,/api/feed," + at + ","
					+ ((i < 26) ? "20,200,live,,1,true," + C : "30000,0,,,,false,"));
		}
		long down = T0 + 200_000;
		for (int i = 0; i < 40; i++) {
			long at = down + 2000 + i * 100;
			reads.add("replica-all-down,full,/api/feed," + at + ",8,200,cache,refused,0,true,");
			reads.add("replica-all-down,none,/api/feed," + at + ",5,502,,refused,1,false,");
		}
		Files.write(dir.resolve(ReplicaResults.REQUESTS), reads);
		List<String> rotation = new ArrayList<>();
		rotation.add(ReplicaCheck.HEADERS.get(ReplicaResults.ROTATION));
		poll(rotation, healthy + 1000, "in rotation", "in rotation", "in rotation");
		poll(rotation, hang + 1900, "in rotation", "in rotation", "in rotation");
		poll(rotation, hang + 2500, "in rotation", "ejected", "in rotation");
		poll(rotation, hang + 4000, "in rotation", "trial", "in rotation");
		poll(rotation, hang + 6300, "in rotation", "in rotation", "in rotation");
		poll(rotation, down + 2400, "ejected", "in rotation", "in rotation");
		poll(rotation, down + 6100, "in rotation", "ejected", "in rotation");
		poll(rotation, down + 6600, "in rotation", "in rotation", "in rotation");
		Files.write(dir.resolve(ReplicaResults.ROTATION), rotation);
		Files.write(dir.resolve(ReplicaResults.BREAKERS), List.of(ReplicaCheck.HEADERS.get(ReplicaResults.BREAKERS),
				(hang + 2200) + ",full,CLOSED", (down + 3200) + ",full,OPEN", (down + 7000) + ",full,CLOSED"));
		Files.write(dir.resolve(ReplicaResults.EVENTS),
				List.of(ReplicaCheck.HEADERS.get(ReplicaResults.EVENTS), "replica-healthy,load-start," + healthy,
						"replica-healthy,load-end," + (healthy + 6000), "replica-hang,load-start," + hang,
						"replica-hang,fault-start," + (hang + 2000), "replica-hang,fault-end," + (hang + 6000),
						"replica-hang,load-end," + (hang + 8000), "replica-all-down,load-start," + down,
						"replica-all-down,fault-start," + (down + 2000), "replica-all-down,fault-end," + (down + 6000),
						"replica-all-down,load-end," + (down + 8000)));
		Files.write(dir.resolve(ReplicaResults.RUN),
				List.of("command=scripts/benchmark --replicas", "started=2027-01-15T08\\:00\\:00Z",
						"durationSeconds=90", "scenarios=replica-healthy,replica-hang,replica-all-down",
						"levels=none,full", "timing=2,4,2", "deadlineMs=2000",
						"replicas=" + A.replace(":", "\\:") + "," + B.replace(":", "\\:") + "," + C.replace(":", "\\:"),
						"brokenReplica=" + B.replace(":", "\\:"), "machine.cores=2"));
	}

	private static void poll(List<String> rows, long at, String a, String b, String c) {
		rows.add(at + "," + A + "," + a);
		rows.add(at + "," + B + "," + b);
		rows.add(at + "," + C + "," + c);
	}

}
