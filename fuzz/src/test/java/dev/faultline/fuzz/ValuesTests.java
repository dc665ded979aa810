package dev.faultline.fuzz;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import dev.faultline.text.MessageText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The text values: judged by the services' own rules, and the same for the same seed. */
class ValuesTests {

	@Test
	void judgesATextByTheRulesBothServicesApply() {
		assertThat(Values.classify("a".repeat(MessageText.TEXT_MAX), MessageText.TEXT_MAX)).isEqualTo(Validity.VALID);
		assertThat(Values.classify("  " + "a".repeat(MessageText.TEXT_MAX) + "\u00A0", MessageText.TEXT_MAX))
			.isEqualTo(Validity.VALID);
		assertThat(Values.classify("a".repeat(MessageText.TEXT_MAX + 1), MessageText.TEXT_MAX))
			.isEqualTo(Validity.INVALID);
		assertThat(Values.classify("\uD83D\uDE00".repeat(MessageText.AUTHOR_MAX), MessageText.AUTHOR_MAX))
			.isEqualTo(Validity.VALID);
		assertThat(Values.classify("Ada\u200B", MessageText.AUTHOR_MAX)).isEqualTo(Validity.INVALID);
		assertThat(Values.classify("\u3164", MessageText.AUTHOR_MAX)).isEqualTo(Validity.INVALID);
		assertThat(Values.classify("\uD83C\uDFF4" + Values.tags("gbsct") + "\uDB40\uDC7F", MessageText.AUTHOR_MAX))
			.isEqualTo(Validity.VALID);
	}

	@Test
	void generatesValuesOnBothSidesOfEveryRule() {
		Values values = new Values(new Random(7));
		List<Field> fields = IntStream.range(0, 2000).mapToObj((i) -> values.field(MessageText.TEXT_MAX)).toList();
		assertThat(fields).anyMatch((field) -> field.validity() == Validity.VALID)
			.anyMatch((field) -> MessageText.length(field.stored()) > MessageText.TEXT_MAX)
			.anyMatch((field) -> MessageText.length(field.stored()) == MessageText.TEXT_MAX
					&& field.validity() == Validity.VALID)
			.anyMatch((field) -> !MessageText.isVisible(field.stored()))
			.anyMatch((field) -> MessageText.isVisible(field.stored())
					&& MessageText.firstForbidden(field.stored()) != -1);
	}

	@Test
	void theSameSeedGivesTheSameValues() {
		Values first = new Values(new Random(42));
		Values second = new Values(new Random(42));
		for (int i = 0; i < 500; i++) {
			assertThat(second.field(280)).isEqualTo(first.field(280));
		}
	}

}
