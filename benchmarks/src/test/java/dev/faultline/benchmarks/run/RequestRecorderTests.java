package dev.faultline.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link RequestRecorder}: what a feed answer becomes in the CSV. */
class RequestRecorderTests {

	@TempDir
	Path dir;

	@Test
	void theReplicaRecorderNamesTheReplicaThatAnswered() throws IOException {
		Path file = this.dir.resolve("replica-requests.csv");
		try (CsvWriter csv = new CsvWriter(file, RequestRecorder.REPLICA_HEADER)) {
			RequestRecorder recorder = RequestRecorder.withReplica(csv, 2000);
			recorder.record("replica-hang", "full", RequestRecorder.FEED, 1000, 40, 200,
					"{\"source\":\"live\",\"backendCalls\":2,\"elapsedMs\":38,\"replica\":\"127.0.0.1:1001\"}");
			recorder.record("replica-hang", "none", RequestRecorder.FEED, 1000, 30000, 0, null);
		}
		assertThat(Files.readAllLines(file)).containsExactly(String.join(",", RequestRecorder.REPLICA_HEADER),
				"replica-hang,full,/api/feed,1000,40,200,live,,2,true,127.0.0.1:1001",
				"replica-hang,none,/api/feed,1000,30000,0,,,1,false,");
	}

	@Test
	void theSuitesRecorderKeepsItsColumns() throws IOException {
		Path file = this.dir.resolve("requests.csv");
		try (CsvWriter csv = new CsvWriter(file, RequestRecorder.HEADER)) {
			new RequestRecorder(csv, 2000).record("hang", "full", RequestRecorder.FEED, 1000, 12, 200,
					"{\"source\":\"cache\",\"reason\":\"timeout\",\"backendCalls\":1,\"replica\":null}");
		}
		assertThat(Files.readAllLines(file)).containsExactly(String.join(",", RequestRecorder.HEADER),
				"hang,full,/api/feed,1000,12,200,cache,timeout,1,true");
	}

}
