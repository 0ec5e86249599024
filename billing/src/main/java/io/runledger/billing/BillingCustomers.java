package io.runledger.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Organisations;
import io.runledger.tenancy.TenantTransactions;

/**
 * The organisation's customer at the payment provider, created when first needed (first synced invoice or first
 * portal visit). Creation is keyed by the organisation id, so a crash between Stripe's answer and our insert only
 * means the retry gets the same customer back.
 */
@Component
class BillingCustomers {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Payments payments;

	private final Organisations organisations;

	private final AuditLog audit;

	private final Clock clock;

	BillingCustomers(JdbcClient jdbc, TenantTransactions tx, Payments payments, Organisations organisations,
			AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.payments = payments;
		this.organisations = organisations;
		this.audit = audit;
		this.clock = clock;
	}

	String ensure(OrgId orgId) {
		var known = find(orgId);
		if (known != null) {
			return known;
		}
		var customerId = payments.createCustomer(orgId, organisations.get(orgId).name());
		tx.writeVoid(orgId, () -> {
			int inserted = jdbc.sql("""
					insert into billing_customers (org_id, stripe_customer_id, created_at) values (?, ?, ?)
					on conflict (org_id) do nothing""")
				.params(orgId.value(), customerId, Timestamp.from(clock.instant()))
				.update();
			if (inserted == 1) {
				audit.record(orgId, Actor.system(), "billing.customer.created", "stripe_customer", customerId, Map.of());
			}
		});
		return find(orgId);
	}

	private String find(OrgId orgId) {
		return tx.read(orgId, () -> jdbc.sql("select stripe_customer_id from billing_customers where org_id = ?")
			.param(orgId.value())
			.query(String.class)
			.optional()
			.orElse(null));
	}
}
