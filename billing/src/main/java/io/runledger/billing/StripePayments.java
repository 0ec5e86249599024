package io.runledger.billing;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceFinalizeInvoiceParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.billingportal.SessionCreateParams;

import io.runledger.tenancy.OrgId;

/**
 * Stripe through stripe-java's {@link StripeClient}: one invoice per Runledger invoice, one invoice item per line
 * (amounts computed by us, in minor units), idempotency keys from our ids, our ids in Stripe's metadata.
 */
final class StripePayments implements Payments {

	/** The invoice events that move an invoice's status here. */
	static final Set<String> INVOICE_EVENTS = Set.of("invoice.paid", "invoice.payment_failed", "invoice.voided",
			"invoice.marked_uncollectible");

	private final StripeClient stripe;

	private final String webhookSecret;

	private final Clock clock;

	StripePayments(StripeClient stripe, String webhookSecret, Clock clock) {
		this.stripe = stripe;
		this.webhookSecret = webhookSecret;
		this.clock = clock;
	}

	@Override
	public boolean connected() {
		return true;
	}

	@Override
	public String createCustomer(OrgId orgId, String name) {
		return call(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
			.setName(name)
			.putMetadata("runledger_org_id", orgId.toString())
			.build(), key(Payments.customerKey(orgId))).getId());
	}

	@Override
	public String createInvoice(String customerId, Invoice invoice) {
		return call(() -> stripe.v1().invoices().create(InvoiceCreateParams.builder()
			.setCustomer(customerId)
			.setCurrency(currency(invoice))
			.setCollectionMethod(InvoiceCreateParams.CollectionMethod.CHARGE_AUTOMATICALLY)
			.setAutoAdvance(true)
			.setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.EXCLUDE)
			.setDescription("Runledger usage " + invoice.period().month())
			.putMetadata("runledger_invoice_id", invoice.id().toString())
			.putMetadata("runledger_org_id", invoice.orgId().toString())
			.build(), key(Payments.invoiceKey(invoice))).getId());
	}

	@Override
	public String addItem(String customerId, String providerInvoiceId, Invoice invoice, InvoiceLine line) {
		return call(() -> stripe.v1().invoiceItems().create(InvoiceItemCreateParams.builder()
			.setCustomer(customerId)
			.setInvoice(providerInvoiceId)
			.setCurrency(currency(invoice))
			.setAmount(line.amount().minorUnits())
			.setDescription(line.description())
			.putMetadata("runledger_invoice_id", invoice.id().toString())
			.putMetadata("runledger_line", Integer.toString(line.number()))
			.build(), key(Payments.itemKey(invoice, line))).getId());
	}

	@Override
	public void finalizeInvoice(String providerInvoiceId, Invoice invoice) {
		try {
			stripe.v1().invoices().finalizeInvoice(providerInvoiceId,
					InvoiceFinalizeInvoiceParams.builder().setAutoAdvance(true).build(), key(Payments.finalizeKey(invoice)));
		}
		catch (StripeException e) {
			// Finalized by an earlier attempt whose key Stripe has since forgotten (keys live 24 h): that is done.
			var status = call(() -> stripe.v1().invoices().retrieve(providerInvoiceId).getStatus());
			if ("draft".equals(status)) {
				throw new PaymentProviderException(e);
			}
		}
	}

	@Override
	public String portalUrl(String customerId, String returnUrl) {
		return call(() -> stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
			.setCustomer(customerId)
			.setReturnUrl(returnUrl)
			.build()).getUrl());
	}

	@Override
	public Optional<PaymentEvent> verify(String payload, String signatureHeader) {
		if (webhookSecret == null || webhookSecret.isBlank()) {
			throw new ForgedEvent("no webhook secret is configured, so no webhook can be verified");
		}
		if (signatureHeader == null || signatureHeader.isBlank()) {
			throw new ForgedEvent("missing Stripe-Signature header");
		}
		com.stripe.model.Event event;
		try {
			event = Webhook.constructEvent(payload, signatureHeader, webhookSecret, Webhook.DEFAULT_TOLERANCE, clock);
		}
		catch (SignatureVerificationException e) {
			throw new ForgedEvent("webhook signature rejected: " + e.getMessage());
		}
		catch (RuntimeException e) {
			throw new ForgedEvent("webhook payload is not a Stripe event");
		}
		if (!INVOICE_EVENTS.contains(event.getType())) {
			return Optional.empty();
		}
		// Read the object's id from the raw JSON: it does not depend on the event's API version matching ours.
		var object = BillingPlans.JSON.readTree(event.getDataObjectDeserializer().getRawJson());
		var kind = object.get("object");
		var id = object.get("id");
		if (id == null || !id.isString() || kind == null || !"invoice".equals(kind.asString())) {
			return Optional.empty();
		}
		return Optional.of(new PaymentEvent(event.getId(), event.getType(), id.asString()));
	}

	private static String currency(Invoice invoice) {
		return invoice.currency().getCurrencyCode().toLowerCase(Locale.ROOT);
	}

	private static RequestOptions key(String idempotencyKey) {
		return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
	}

	private interface StripeCall<T> {
		T run() throws StripeException;
	}

	private static <T> T call(StripeCall<T> call) {
		try {
			return call.run();
		}
		catch (StripeException e) {
			throw new PaymentProviderException(e);
		}
	}

	/** Stripe answered with an error or could not be reached; the operation is retried by the next sync. */
	static final class PaymentProviderException extends RuntimeException {

		PaymentProviderException(StripeException cause) {
			super("Stripe: " + cause.getMessage(), cause);
		}
	}
}
