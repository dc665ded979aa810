package dev.faultline.backend.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * What lets the same code run on the embedded H2 and on a shared PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/**
	 * Spring Data JDBC writes table and column names unquoted, as the migrations do, so
	 * that each database folds them its own way: H2 to upper case, PostgreSQL to lower.
	 * Quoted (its default), {@code @Table("MESSAGES")} names a table that exists only in
	 * H2, and {@code "messages"} one that exists only in PostgreSQL.
	 */
	@Bean
	static BeanPostProcessor unquotedIdentifiers() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				// Before initialization: the entities it creates then take the setting.
				if (bean instanceof RelationalMappingContext context) {
					context.setForceQuote(false);
				}
				return bean;
			}

		};
	}

}
