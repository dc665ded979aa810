package dev.faultline.ui.system;

/**
 * One broken rule, the UI's own or one the backend reported, in the same shape as the
 * backend's problem answers.
 *
 * @param field the parameter or field
 * @param rule the rule's short name, such as {@code allowed-values}
 * @param message what the rule requires, for people
 */
public record Violation(String field, String rule, String message) {
}
