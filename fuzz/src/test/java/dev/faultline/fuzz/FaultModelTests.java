package dev.faultline.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fuzzer's model of the chaos API's rules for settings (README, Chaos API). */
class FaultModelTests {

	@Test
	void latencyTakesEitherAFixedDelayOrARange() {
		assertThat(FaultModel.judge(FaultModel.LATENCY, settings(number("ms", 100)))).isEqualTo(Validity.VALID);
		assertThat(FaultModel.judge(FaultModel.LATENCY, settings(number("minMs", 100), number("maxMs", 200))))
			.isEqualTo(Validity.VALID);
		assertThat(FaultModel.judge(FaultModel.LATENCY, settings())).isEqualTo(Validity.INVALID);
		assertThat(FaultModel.judge(FaultModel.LATENCY, settings(number("ms", 1), number("minMs", 1))))
			.isEqualTo(Validity.INVALID);
		assertThat(FaultModel.judge(FaultModel.LATENCY, settings(number("minMs", 300), number("maxMs", 200))))
			.isEqualTo(Validity.INVALID);
	}

	@Test
	void retryAfterGoesOnlyWithA429OrA503() {
		assertThat(FaultModel.judge(FaultModel.ERROR, settings(number("status", 503), number("retryAfter", 1))))
			.isEqualTo(Validity.VALID);
		assertThat(FaultModel.judge(FaultModel.ERROR, settings(number("retryAfter", 1)))).isEqualTo(Validity.INVALID);
	}

	@Test
	void aFaultTakesOneSelectorAndASeedOnlyWithARate() {
		assertThat(FaultModel.judge(FaultModel.RESET, settings(number("everyNth", 3)))).isEqualTo(Validity.VALID);
		assertThat(FaultModel.judge(FaultModel.RESET, settings(number("everyNth", 3), number("firstN", 2))))
			.isEqualTo(Validity.INVALID);
		assertThat(FaultModel.judge(FaultModel.RESET, settings(number("seed", 3)))).isEqualTo(Validity.INVALID);
	}

	@Test
	void aPortWideFaultTakesNoSelectorAndJsonNullCountsAsNotGiven() {
		assertThat(FaultModel.judge(FaultModel.DOWN, settings(number("everyNth", 3)))).isEqualTo(Validity.INVALID);
		assertThat(FaultModel.judge(FaultModel.LATENCY,
				settings(number("ms", 5), new Setting("minMs", "", "null", Validity.VALID, null))))
			.isEqualTo(Validity.VALID);
	}

	@Test
	void aFlapActsAsItsKindAndAnUnknownSettingIsRefused() {
		Setting kind = new Setting("kind", "latency", "\"latency\"", Validity.VALID, null);
		assertThat(FaultModel.judge(FaultModel.FLAP, settings(kind, number("ms", 10)))).isEqualTo(Validity.VALID);
		assertThat(FaultModel.judge(FaultModel.FLAP, settings(kind))).isEqualTo(Validity.INVALID);
		assertThat(FaultModel.judge(FaultModel.HANG, settings(number("foo", 1)))).isEqualTo(Validity.INVALID);
	}

	@Test
	void knowsEachFaultByTheIdTheChaosApiUses() {
		assertThat(FaultModel.of("slow-body")).contains(FaultModel.SLOW_BODY);
		assertThat(FaultModel.of("SLOW_BODY")).isEmpty();
	}

	private static Setting number(String name, long value) {
		return new Setting(name, String.valueOf(value), String.valueOf(value), Validity.VALID, value);
	}

	private static Map<String, Setting> settings(Setting... settings) {
		Map<String, Setting> byName = new LinkedHashMap<>();
		for (Setting setting : settings) {
			byName.put(setting.name(), setting);
		}
		return byName;
	}

}
