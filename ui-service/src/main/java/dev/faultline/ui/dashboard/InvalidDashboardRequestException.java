package dev.faultline.ui.dashboard;

/**
 * A dashboard request that breaks a rule: answered 400 naming the field and the rule.
 */
class InvalidDashboardRequestException extends RuntimeException {

	private final String field;

	private final String rule;

	InvalidDashboardRequestException(String field, String rule, String message) {
		super(message);
		this.field = field;
		this.rule = rule;
	}

	String field() {
		return this.field;
	}

	String rule() {
		return this.rule;
	}

}
