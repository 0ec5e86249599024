package io.runledger.tenancy;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Sets {@code app.org_id} (transaction-local) at the start of every transaction from {@link TenantContext}. An empty
 * value matches no row under the policies, so a transaction without a tenant reads and writes nothing tenant-owned.
 */
class TenantScopedTransactionManager extends JdbcTransactionManager {

	TenantScopedTransactionManager(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
			throws SQLException {
		super.prepareTransactionalConnection(con, definition);
		try (var statement = con.prepareStatement("select set_config('app.org_id', ?, true)")) {
			statement.setString(1, TenantContext.current().map(OrgId::toString).orElse(""));
			statement.execute();
		}
	}
}
