package dev.faultline.fuzz;

/** The kinds of defect, each with the short id printed on its lines. */
enum Kind {

	SERVER_ERROR("5xx", "a server error"), NOT_PROBLEM("not-problem", "a 4xx that is not application/problem+json"),
	JSON_NOT_PROBLEM("json-not-problem", "a 4xx in JSON that is not problem+json"),
	BAD_PROBLEM("bad-problem", "a problem+json without its status member"),
	FIELDLESS_VALIDATION("fieldless-validation", "a validation problem whose errors do not name a field"),
	TOMCAT_400("tomcat-400", "Tomcat's HTML 400 for a well-formed request"),
	VALID_REJECTED("valid-rejected", "input the contract accepts was refused"),
	INVALID_ACCEPTED("invalid-accepted", "input the contract refuses was accepted"),
	LOST("lost", "a promised message cannot be read back as answered"),
	UNEXPECTED_STORED("unexpected-stored", "a refused request stored a message, or one request stored two"),
	ALTERED("altered", "the message stored is not the message sent"),
	REPLAY("replay", "an idempotent replay answered wrongly"),
	LOCATION("location", "Location is not the message's path"),
	CHAOS_LEFT("chaos-left", "a refused chaos change left a fault installed"),
	ACTUATOR_STATE("actuator-state", "an actuator POST changed a circuit breaker");

	final String id;

	final String description;

	Kind(String id, String description) {
		this.id = id;
		this.description = description;
	}

}
