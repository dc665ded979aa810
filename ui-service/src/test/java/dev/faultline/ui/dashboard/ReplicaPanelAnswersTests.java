package dev.faultline.ui.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replica panel's count of one replica's live answers: the seconds of its window and
 * nothing older, in buckets that start from zero when time comes round to them again.
 */
class ReplicaPanelAnswersTests {

	private final ReplicaPanel.Answers answers = new ReplicaPanel.Answers(10);

	@Test
	void countsTheAnswersOfTheWindowUpToNow() {
		this.answers.add(100);
		this.answers.add(100);
		this.answers.add(105);

		assertThat(this.answers.total(105)).isEqualTo(3);
		assertThat(this.answers.total(109)).isEqualTo(3);
	}

	@Test
	void forgetsAnswersOlderThanTheWindow() {
		this.answers.add(100);
		this.answers.add(104);

		assertThat(this.answers.total(110)).isEqualTo(1);
		assertThat(this.answers.total(114)).isZero();
	}

	@Test
	void aBucketUsedAgainAWindowLaterStartsFromZero() {
		this.answers.add(100);
		this.answers.add(100);

		this.answers.add(110);

		assertThat(this.answers.total(110)).isEqualTo(1);
	}

	@Test
	void noAnswersIsZero() {
		assertThat(this.answers.total(1_000)).isZero();
	}

}
