package io.runledger.billing;

import java.util.Optional;

import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.OrgId;

/** No payment provider configured: billing works end to end inside Runledger; nothing is charged. */
final class NoPayments implements Payments {

	@Override
	public boolean connected() {
		return false;
	}

	@Override
	public String createCustomer(OrgId orgId, String name) {
		throw notConnected();
	}

	@Override
	public String createInvoice(String customerId, Invoice invoice) {
		throw notConnected();
	}

	@Override
	public String addItem(String customerId, String providerInvoiceId, Invoice invoice, InvoiceLine line) {
		throw notConnected();
	}

	@Override
	public void finalizeInvoice(String providerInvoiceId, Invoice invoice) {
		throw notConnected();
	}

	@Override
	public String portalUrl(String customerId, String returnUrl) {
		throw notConnected();
	}

	@Override
	public Optional<PaymentEvent> verify(String payload, String signatureHeader) {
		throw new ForgedEvent("no payment provider is configured, so no webhook can be verified");
	}

	private static ConflictException notConnected() {
		return new ConflictException("no payment provider is configured for this installation");
	}
}
