package dev.faultline.ui.system;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Spring Security is here for one thing: CSRF protection of the posting form. Every page
 * is public and nobody logs in; a state-changing POST must carry the token Thymeleaf puts
 * into each {@code th:action} form, so another site cannot make a visitor's browser post
 * messages. GET endpoints (the page, the feed, actuator) change nothing. It also sends
 * the browser-facing headers: a Content-Security-Policy and a Referrer-Policy.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * Only this origin's own scripts, styles, images and connections (the dashboard's
	 * stream and controls); no inline script or style, no framing, forms post only here.
	 * The pages and chart.js need nothing more.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	@Bean
	SecurityFilterChain publicPagesWithCsrf(HttpSecurity http, ServerProperties server) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.addFilterBefore(new FormRequestFilter(server), CsrfFilter.class)
			.csrf(Customizer.withDefaults())
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

	/**
	 * No users at all; this also stops Boot from generating and logging a default
	 * password.
	 */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}
