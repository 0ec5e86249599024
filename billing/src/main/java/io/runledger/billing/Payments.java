package io.runledger.billing;

import java.util.Optional;

import io.runledger.tenancy.OrgId;

/**
 * The payment provider, as billing needs it. Every write carries an idempotency key derived from our own ids, so a
 * call repeated after a crash returns what the first call created instead of creating it again.
 */
interface Payments {

	/** False when no provider is configured: invoices then stay ours alone, marked NOT_SYNCED. */
	boolean connected();

	String createCustomer(OrgId orgId, String name);

	/** An empty invoice for the customer; items are attached explicitly, never swept in from pending ones. */
	String createInvoice(String customerId, Invoice invoice);

	String addItem(String customerId, String providerInvoiceId, Invoice invoice, InvoiceLine line);

	void finalizeInvoice(String providerInvoiceId, Invoice invoice);

	String portalUrl(String customerId, String returnUrl);

	/**
	 * A webhook delivery, verified: signature, secret and freshness. Empty for events billing does not act on.
	 * @throws ForgedEvent when verification fails
	 */
	Optional<PaymentEvent> verify(String payload, String signatureHeader);

	/** What the provider tells us about one of our invoices. */
	record PaymentEvent(String eventId, String type, String providerInvoiceId) {
	}

	final class ForgedEvent extends RuntimeException {

		ForgedEvent(String message) {
			super(message);
		}
	}

	/** Idempotency keys: stable across restarts because they are made of our ids only. */
	static String customerKey(OrgId orgId) {
		return "runledger-customer-" + orgId;
	}

	static String invoiceKey(Invoice invoice) {
		return "runledger-invoice-" + invoice.id();
	}

	static String itemKey(Invoice invoice, InvoiceLine line) {
		return "runledger-item-" + invoice.id() + "-" + line.number();
	}

	static String finalizeKey(Invoice invoice) {
		return "runledger-finalize-" + invoice.id();
	}
}
