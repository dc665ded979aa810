package dev.faultline.fuzz;

/**
 * Values for the chaos API's settings, ordinary and hostile, each judged by the README's
 * rules for that setting.
 */
final class ChaosSettings extends Surface {

	ChaosSettings(FuzzRun run) {
		super(run);
	}

	Setting kindSetting() {
		if (chance(75)) {
			String kind = pick(FaultModel.FLAP_KINDS).id;
			return new Setting("kind", kind, JsonText.quote(kind, false), Validity.VALID, null);
		}
		String kind = pick("flap", "crash", "bogus", "", "ERROR", "slow_body");
		return new Setting("kind", kind, JsonText.quote(kind, false), Validity.INVALID, null);
	}

	/**
	 * A value for a setting, ordinary or hostile, judged by the README's rules for that
	 * setting.
	 */
	Setting value(String name, FaultModel kind) {
		if (chance(3)) {
			// JSON null: the setting counts as not given (but an unknown name is still
			// refused).
			return new Setting(name, "", "null", Validity.VALID, null);
		}
		return switch (name) {
			case "ms", "minMs" -> whole(name, 0, 600_000);
			case "maxMs" -> whole(name, (kind == FaultModel.HANG) ? 1 : 0, 600_000);
			case "status" -> whole(name, 400, 599);
			case "retryAfter" -> whole(name, 0, 86_400);
			case "chunkBytes" -> whole(name, 1, 65_536);
			case "chunkDelayMs" -> whole(name, 1, 60_000);
			case "upMs", "downMs" -> whole(name, 1, 3_600_000);
			case "everyNth", "firstN" -> whole(name, 1, 1_000_000);
			case "seed" -> chance(80) ? number(name, this.random.nextLong(), Validity.VALID)
					: new Setting(name, "abc", "1.5", Validity.INVALID, null);
			case "rate" -> rate();
			case "methods" -> methods();
			case "paths" -> paths();
			case "duration" -> duration();
			case "kind" -> kindSetting();
			default -> new Setting(name, "1", "1", Validity.INVALID, null);
		};
	}

	Setting whole(String name, long min, long max) {
		int dice = this.random.nextInt(100);
		if (dice < 55) {
			long n = pick(min, max, min + (long) (this.random.nextDouble() * (max - min)));
			return number(name, n, Validity.VALID);
		}
		if (dice < 62) {
			// Padded in the query, a string in JSON: neither is the plain number the
			// contract asks for.
			long n = min + (max - min) / 2;
			return new Setting(name, " " + n + " ", JsonText.quote(String.valueOf(n), false), Validity.INVALID, null);
		}
		if (dice < 75) {
			long n = chance(50) ? min - 1 : max + 1;
			return number(name, n, Validity.INVALID);
		}
		if (dice < 92) {
			String text = pick("abc", "1e3", "0x10", "1.5", "", "99999999999999999999", "-", "NaN", "1_000");
			String json = pick(JsonText.quote(text, false), "1.5", "true", "[1]", "{}");
			return new Setting(name, text, json, Validity.INVALID, null);
		}
		String text = pick("\u0665", "+5", "0x10");
		return new Setting(name, text, JsonText.quote(text, false), Validity.INVALID, null);
	}

	/** A whole number: plain decimal text in the query, a JSON number in the body. */
	Setting number(String name, long n, Validity validity) {
		return new Setting(name, String.valueOf(n), String.valueOf(n), validity,
				(validity == Validity.VALID) ? n : null);
	}

	Setting rate() {
		String[][] rates = { { "0", "0", "I" }, { "1", "1", "V" }, { "0.3", "0.3", "V" }, { "0.5", "0.5", "V" },
				{ " 0.5", "\"0.5\"", "I" }, { "1.5", "1.5", "I" }, { "-0.1", "-0.1", "I" }, { "NaN", "\"NaN\"", "I" },
				{ "Infinity", "\"Infinity\"", "I" }, { "abc", "\"abc\"", "I" }, { "", "\"\"", "I" },
				{ "-0.0", "-0.0", "I" }, { "1e-1", "1e-1", "U" }, { "0x1p-1", "true", "U" } };
		String[] rate = pick(rates);
		return new Setting("rate", rate[0], rate[1], Validity.of(rate[2]), null);
	}

	Setting methods() {
		String[][] methods = { { "GET", "\"GET\"", "V" }, { "GET,POST", "[\"GET\",\"POST\"]", "V" },
				{ "get", "\"get\"", "I" }, { "GET,,POST", "\"GET,,POST\"", "I" }, { " GET ", "\" GET \"", "V" },
				{ "FOO", "\"FOO\"", "I" }, { "GET;POST", "[\"GET;POST\"]", "I" }, { "GET POST", "\"GET POST\"", "I" },
				{ "", "\"\"", "I" }, { ",", "\",\"", "I" }, { "TRACE", "[1]", "I" }, { "CONNECT", "{}", "I" } };
		String[] method = pick(methods);
		return new Setting("methods", method[0], method[1], Validity.of(method[2]), null);
	}

	Setting paths() {
		String[][] paths = { { "/api/**", "\"/api/**\"", "V" }, { "/api/messages/*", "[\"/api/messages/*\"]", "V" },
				{ "/api/messages/{id}", "\"/api/messages/{id}\"", "V" }, { "..", "\"..\"", "I" },
				{ "/api/../x", "\"/api/../x\"", "I" }, { "/api/./x", "\"/api/./x\"", "I" },
				{ "/api/messages/{id:[}", "\"/api/messages/{id:[}\"", "I" }, { "api/**", "\"api/**\"", "I" },
				{ "", "\"\"", "I" }, { "/**/x/**", "\"/**/x/**\"", "U" }, { "/api/{*rest}", "\"/api/{*rest}\"", "U" },
				{ "\\api", "\"\\\\api\"", "I" }, { "", "[1]", "I" }, { "/api/{a}/{a}", "\"/api/{a}/{a}\"", "U" } };
		String[] path = pick(paths);
		return new Setting("paths", path[0], path[1], Validity.of(path[2]), null);
	}

	Setting duration() {
		String[][] durations = { { "30s", "\"30s\"", "V" }, { "5m", "\"5m\"", "V" }, { "PT1H", "\"PT1H\"", "V" },
				{ "90", "90", "V" }, { "3600", "\"3600\"", "V" }, { "PT0.0001S", "\"PT0.0001S\"", "I" },
				{ "-5", "-5", "I" }, { "0", "0", "I" }, { "2h", "\"2h\"", "I" }, { "3601", "3601", "I" },
				{ "PT2H", "\"PT2H\"", "I" }, { "1d", "\"1d\"", "I" }, { "abc", "\"abc\"", "I" }, { "", "\"\"", "I" },
				{ "-PT5S", "\"-PT5S\"", "I" }, { "1.5", "1.5", "I" } };
		String[] duration = pick(durations);
		return new Setting("duration", duration[0], duration[1], Validity.of(duration[2]), null);
	}

}
