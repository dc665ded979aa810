package dev.faultline.ui.dashboard;

import dev.faultline.ui.system.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A dashboard control asked by a browser that may not change the demo
 * ({@link SpeakerAccess}): a 403 problem whose {@code rule} names the rule and whose
 * {@code detail} says what to do; nothing was changed and the backend heard nothing.
 */
class SpeakerOnlyException extends ErrorResponseException {

	SpeakerOnlyException(SpeakerAccess.Refusal refusal) {
		super(HttpStatus.FORBIDDEN, problem(refusal), null);
	}

	private static ProblemDetail problem(SpeakerAccess.Refusal refusal) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, refusal.reason());
		problem.setType(ProblemTypes.SPEAKER_ONLY);
		problem.setTitle("Speaker only");
		problem.setProperty("rule", refusal.rule());
		return problem;
	}

}
