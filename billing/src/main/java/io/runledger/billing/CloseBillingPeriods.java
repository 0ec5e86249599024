package io.runledger.billing;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Organisations;
import io.runledger.tenancy.TenantTransactions;

/**
 * Closes ended billing periods: one finalized invoice per organisation and period. Idempotent by the unique key on
 * (organisation, period start): closing again, or two closers racing, leaves the one invoice as it was.
 */
@Component
public class CloseBillingPeriods {

	private static final Logger log = LoggerFactory.getLogger(CloseBillingPeriods.class);

	private final InvoiceDrafts drafts;

	private final Invoices invoices;

	private final Organisations organisations;

	private final InvoiceSync sync;

	private final AuditLog audit;

	private final TenantTransactions tx;

	private final JdbcClient jdbc;

	private final BillingProperties properties;

	private final Clock clock;

	CloseBillingPeriods(InvoiceDrafts drafts, Invoices invoices, Organisations organisations, InvoiceSync sync,
			AuditLog audit, TenantTransactions tx, JdbcClient jdbc, BillingProperties properties, Clock clock) {
		this.drafts = drafts;
		this.invoices = invoices;
		this.organisations = organisations;
		this.sync = sync;
		this.audit = audit;
		this.tx = tx;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * For every organisation, closes each ended period not yet invoiced (at most {@code late-usage-months} back,
	 * oldest first, so adjustments always follow the invoice they adjust), then pushes new invoices to Stripe.
	 */
	@Scheduled(fixedDelayString = "${runledger.billing.close-interval:15m}",
			initialDelayString = "${runledger.billing.close-interval:15m}")
	public void closeAll() {
		for (var orgId : organisationsAcrossTenants()) {
			try {
				closeEnded(orgId);
			}
			catch (RuntimeException e) {
				// One organisation's failure must not hold up everyone's invoices; the next run retries it.
				log.error("closing billing periods failed for organisation {}", orgId, e);
			}
		}
		sync.syncPending();
	}

	/** Cross-tenant by nature: every organisation's id, and nothing else. */
	private java.util.List<OrgId> organisationsAcrossTenants() {
		return jdbc.sql("select billing_org_ids()").query(UUID.class).list().stream().map(OrgId::new).toList();
	}

	void closeEnded(OrgId orgId) {
		var current = BillingPeriod.containing(clock.instant());
		var first = BillingPeriod.containing(organisations.get(orgId).createdAt());
		var period = current;
		for (int i = 0; i < properties.lateUsageMonths() && !period.previous().isBefore(first); i++) {
			period = period.previous();
		}
		for (; period.isBefore(current); period = period.next()) {
			close(orgId, period);
		}
	}

	/** The period's invoice: finalized now if the period has ended and has none yet, else the existing one. */
	public Invoice close(OrgId orgId, BillingPeriod period) {
		if (clock.instant().isBefore(period.end())) {
			throw new IllegalStateException("period " + period + " has not ended yet");
		}
		var existing = invoices.forPeriod(orgId, period);
		if (existing.isPresent()) {
			return existing.get();
		}
		try {
			return tx.write(orgId, () -> {
				var invoice = drafts.draft(orgId, period);
				invoice.finalise(clock.instant(), sync.connected());
				invoices.insert(invoice);
				audit.record(orgId, Actor.system(), "billing.invoice.finalized", "invoice", invoice.id().toString(),
						Map.of("period", period.month().toString(), "total", invoice.total().toString(), "lines",
								invoice.lines().size()));
				return invoice;
			});
		}
		catch (DuplicateKeyException e) {
			return invoices.forPeriod(orgId, period).orElseThrow();
		}
	}
}
