package io.runledger.billing;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.OrgId;

/**
 * Pushes finalized invoices to the payment provider: customer, invoice, one item per line, finalize. Each step's
 * result is stored as soon as it exists and each request carries an idempotency key made of our ids, so a sync cut
 * short anywhere resumes where it stopped and never creates a second invoice or item, let alone a second charge.
 */
@Component
public class InvoiceSync {

	private static final Logger log = LoggerFactory.getLogger(InvoiceSync.class);

	private final Invoices invoices;

	private final BillingCustomers customers;

	private final Payments payments;

	private final AuditLog audit;

	InvoiceSync(Invoices invoices, BillingCustomers customers, Payments payments, AuditLog audit) {
		this.invoices = invoices;
		this.customers = customers;
		this.payments = payments;
		this.audit = audit;
	}

	public boolean connected() {
		return payments.connected();
	}

	/** Syncs every PENDING invoice of every organisation; one failure does not stop the others. */
	public void syncPending() {
		if (!payments.connected()) {
			return;
		}
		for (var pending : invoices.toSyncAcrossTenants()) {
			try {
				sync(pending.getKey(), pending.getValue());
			}
			catch (RuntimeException e) {
				log.warn("syncing invoice {} of organisation {} failed; the next run retries it", pending.getValue(),
						pending.getKey(), e);
			}
		}
	}

	public void sync(OrgId orgId, InvoiceId id) {
		var invoice = invoices.get(orgId, id);
		if (invoice.sync() != SyncStatus.PENDING) {
			return;
		}
		var customer = customers.ensure(orgId);
		var providerInvoice = invoice.stripeInvoiceId();
		if (providerInvoice == null) {
			providerInvoice = payments.createInvoice(customer, invoice);
			invoices.saveStripeInvoice(invoice, providerInvoice);
		}
		for (var line : invoice.lines()) {
			if (line.stripeItemId() == null) {
				invoices.saveStripeItem(invoice, line, payments.addItem(customer, providerInvoice, invoice, line));
			}
		}
		payments.finalizeInvoice(providerInvoice, invoice);
		invoice.markSynced(providerInvoice);
		invoices.saveSynced(invoice);
		audit.record(orgId, Actor.system(), "billing.invoice.synced", "invoice", id.toString(),
				Map.of("stripeInvoice", providerInvoice, "total", invoice.total().toString()));
	}
}
