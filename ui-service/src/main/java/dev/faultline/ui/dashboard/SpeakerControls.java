package dev.faultline.ui.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts {@link SpeakerAccess} in front of every dashboard call that changes something: any
 * method but GET, HEAD and OPTIONS under {@code /dashboard/}, whichever controller serves
 * it, so a control added later is the speaker's without anyone remembering to say so. It
 * runs after Spring Security's CSRF check and before the request is read, so a refused
 * caller learns nothing about its input and the backend hears nothing.
 */
@Configuration(proxyBeanMethods = false)
class SpeakerControls implements WebMvcConfigurer {

	private final SpeakerAccess access;

	SpeakerControls(SpeakerAccess access) {
		this.access = access;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new SpeakerOnly(this.access)).addPathPatterns("/dashboard/**");
	}

	/** Refuses a state-changing dashboard call that {@link SpeakerAccess} refuses. */
	private static final class SpeakerOnly implements HandlerInterceptor {

		private final SpeakerAccess access;

		private SpeakerOnly(SpeakerAccess access) {
			this.access = access;
		}

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			// Only our controllers: a path nobody serves stays a 404, a method nobody
			// takes a 405.
			if (!(handler instanceof HandlerMethod) || changesNothing(request.getMethod())) {
				return true;
			}
			this.access.refusal(request).ifPresent((refusal) -> {
				throw new SpeakerOnlyException(refusal);
			});
			return true;
		}

		private static boolean changesNothing(String method) {
			return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)
					|| HttpMethod.OPTIONS.matches(method);
		}

	}

}
