package dev.faultline.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The UI phase: pages, the feed, the posting form with its CSRF token, the dashboard's
 * controls and actuator, interleaved at random; the chaos buttons last.
 */
final class UiFuzzer extends Surface {

	UiFuzzer(FuzzRun run) {
		super(run);
	}

	void run(int quota) {
		Optional<UiSession> opened = UiSession.open(this.run);
		if (opened.isEmpty()) {
			this.report.harnessError(new IllegalStateException(
					"no session, CSRF token, levels or chaos buttons from the UI; UI phase skipped"));
			return;
		}
		UiSession session = opened.get();
		UiPages pages = new UiPages(this.run, session);
		UiJsonApi api = new UiJsonApi(this.run, session);
		UiForm form = new UiForm(this.run, session);
		DashboardControls dashboard = new DashboardControls(this.run, session);
		UiActuator actuator = new UiActuator(this.run, session);
		int buttons = Math.min(quota, Math.max(10, quota / 12));
		for (int i = 0; i < quota - buttons; i++) {
			int dice = this.random.nextInt(100);
			step(() -> {
				if (dice < 11) {
					fuzz(pages.page());
				}
				else if (dice < 22) {
					fuzz(api.feed());
				}
				else if (dice < 27) {
					fuzz(pages.readOnly());
				}
				else if (dice < 66) {
					form.postForm();
				}
				else if (dice < 78) {
					fuzz(dashboard.traffic());
				}
				else if (dice < 90) {
					fuzz(api.elsewhere());
				}
				else if (dice < 95) {
					actuator.actuatorPost();
				}
				else {
					fuzz(pages.oddRequestLine());
				}
			});
		}
		// The chaos buttons come last: a breaker they open must not make a later valid
		// post fail.
		List<String> actions = new ArrayList<>(session.chaosActions());
		Collections.shuffle(actions, this.random);
		for (int i = 0; i < buttons; i++) {
			step(() -> dashboard.chaosButton(actions));
		}
		Answer stop = oracle(session.withToken(ui("DELETE", "/dashboard/traffic")));
		if (!stop.is(2)) {
			this.report.oracleFailure("DELETE /dashboard/traffic", stop);
		}
		clearChaos();
	}

}
