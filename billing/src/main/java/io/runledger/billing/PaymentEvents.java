package io.runledger.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.TenantTransactions;

/**
 * Webhook deliveries from the payment provider: verified, then applied to the invoice they name, each event id
 * once (its row and the status change commit together, so a redelivery finds the row and changes nothing).
 */
@Component
public class PaymentEvents {

	private static final Logger log = LoggerFactory.getLogger(PaymentEvents.class);

	private final Payments payments;

	private final Invoices invoices;

	private final TenantTransactions tx;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	PaymentEvents(Payments payments, Invoices invoices, TenantTransactions tx, JdbcClient jdbc, AuditLog audit,
			Clock clock) {
		this.payments = payments;
		this.invoices = invoices;
		this.tx = tx;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** What became of a delivery; anything but {@link #FORGED} is acknowledged, so the provider stops resending. */
	public enum Outcome {
		APPLIED, ALREADY_PROCESSED, IGNORED, FORGED
	}

	public Outcome receive(String payload, String signatureHeader) {
		Payments.PaymentEvent event;
		try {
			var verified = payments.verify(payload, signatureHeader);
			if (verified.isEmpty()) {
				return Outcome.IGNORED;
			}
			event = verified.get();
		}
		catch (Payments.ForgedEvent e) {
			log.warn("rejected a payment webhook: {}", e.getMessage());
			return Outcome.FORGED;
		}
		var owner = invoices.ownerOfStripeInvoiceAcrossTenants(event.providerInvoiceId());
		if (owner.isEmpty()) {
			return Outcome.IGNORED;
		}
		var orgId = owner.get();
		try {
			return tx.write(orgId, () -> {
				var invoice = invoices.findByStripeId(orgId, event.providerInvoiceId()).orElseThrow();
				var before = invoice.status();
				String outcome;
				try {
					switch (event.type()) {
						case "invoice.paid" -> invoice.markPaid();
						// Uncollectible: Stripe gave up collecting; the money is still owed, so it is a failed payment.
						case "invoice.payment_failed", "invoice.marked_uncollectible" -> invoice.markPaymentFailed();
						case "invoice.voided" -> invoice.markVoid();
						default -> throw new IllegalStateException("unexpected event type " + event.type());
					}
					invoices.saveStatus(invoice, before, clock.instant());
					outcome = "applied: " + before + " -> " + invoice.status();
				}
				catch (IllegalStateException e) {
					// Out-of-order or contradictory events (a failure reported after the payment) change nothing.
					outcome = "ignored: " + e.getMessage();
				}
				jdbc.sql("""
						insert into stripe_events (org_id, event_id, type, outcome, processed_at) values (?, ?, ?, ?, ?)""")
					.params(orgId.value(), event.eventId(), event.type(), outcome, Timestamp.from(clock.instant()))
					.update();
				audit.record(orgId, Actor.system(), "billing.invoice.payment_event", "invoice",
						invoice.id().toString(), Map.of("event", event.eventId(), "type", event.type(), "outcome", outcome));
				return outcome.startsWith("applied") ? Outcome.APPLIED : Outcome.IGNORED;
			});
		}
		catch (DuplicateKeyException e) {
			return Outcome.ALREADY_PROCESSED;
		}
	}
}
