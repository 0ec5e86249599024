package io.runledger.tenancy;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in one database transaction scoped to one organisation. Services take the {@link OrgId} explicitly and
 * filter by it in SQL; this makes row-level security the second, independent line of defence.
 */
@Component
public class TenantTransactions {

	private final TransactionTemplate readWrite;

	private final TransactionTemplate readOnly;

	TenantTransactions(PlatformTransactionManager transactions) {
		this.readWrite = new TransactionTemplate(transactions);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
	}

	public <T> T write(OrgId orgId, Supplier<T> work) {
		return TenantContext.callAs(orgId, () -> readWrite.execute(status -> work.get()));
	}

	public void writeVoid(OrgId orgId, Runnable work) {
		write(orgId, () -> {
			work.run();
			return null;
		});
	}

	public <T> T read(OrgId orgId, Supplier<T> work) {
		return TenantContext.callAs(orgId, () -> readOnly.execute(status -> work.get()));
	}
}
