package dev.faultline.backend.system;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * What lets the same code run on the embedded H2 and on a shared PostgreSQL, and fail
 * cleanly when that database goes away.
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

	/**
	 * Spring Boot's transaction manager (it backs off for this one), except on a broken
	 * connection; the customizers apply {@code spring.transaction.*} as they would to
	 * Boot's.
	 */
	@Bean
	JdbcTransactionManager transactionManager(DataSource dataSource,
			ObjectProvider<TransactionManagerCustomizers> customizers) {
		JdbcTransactionManager transactionManager = new BrokenConnectionTransactionManager(dataSource);
		customizers.ifAvailable((each) -> each.customize(transactionManager));
		return transactionManager;
	}

	/**
	 * Does not roll back on a connection that is closed already, as one is after the
	 * database stopped answering (the driver's socket timeout closes it, and the pool
	 * drops it). There is nothing to roll back from here: the database rolls back the
	 * open transaction of a session that ended. Trying anyway only fails again, logs an
	 * ERROR ("Application exception overridden by rollback exception") and replaces what
	 * went wrong, a database that is unavailable (503), with a rollback failure (500).
	 */
	static final class BrokenConnectionTransactionManager extends JdbcTransactionManager {

		private static final Logger log = LoggerFactory.getLogger(BrokenConnectionTransactionManager.class);

		BrokenConnectionTransactionManager(DataSource dataSource) {
			super(dataSource);
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			JdbcTransactionObjectSupport transaction = (JdbcTransactionObjectSupport) status.getTransaction();
			if (transaction.hasConnectionHolder() && isClosed(transaction.getConnectionHolder().getConnection())) {
				log.debug("No rollback on a closed connection: the database ends the transaction with the session");
				return;
			}
			super.doRollback(status);
		}

		private static boolean isClosed(Connection connection) {
			try {
				return connection.isClosed();
			}
			catch (SQLException ex) {
				// Cannot tell: let the rollback try.
				return false;
			}
		}

	}

}
