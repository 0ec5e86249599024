package io.runledger.billing;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import io.runledger.tenancy.Money;
import io.runledger.tenancy.OrgId;

/**
 * An organisation's invoice for one billing period. Its lines never change once it is finalized; only its status
 * moves, through the methods below, each of which refuses an illegal move with the current status in its message.
 */
public final class Invoice {

	private final InvoiceId id;

	private final OrgId orgId;

	private final BillingPeriod period;

	private final Currency currency;

	private final List<InvoiceLine> lines;

	private InvoiceStatus status;

	private Instant finalizedAt;

	private SyncStatus sync;

	private String stripeInvoiceId;

	Invoice(InvoiceId id, OrgId orgId, BillingPeriod period, Currency currency, List<InvoiceLine> lines,
			InvoiceStatus status, Instant finalizedAt, SyncStatus sync, String stripeInvoiceId) {
		this.id = id;
		this.orgId = orgId;
		this.period = period;
		this.currency = currency;
		this.lines = List.copyOf(lines);
		this.status = status;
		this.finalizedAt = finalizedAt;
		this.sync = sync;
		this.stripeInvoiceId = stripeInvoiceId;
	}

	static Invoice draft(OrgId orgId, BillingPeriod period, Currency currency, List<InvoiceLine> lines) {
		return new Invoice(InvoiceId.random(), orgId, period, currency, lines, InvoiceStatus.DRAFT, null,
				SyncStatus.NOT_SYNCED, null);
	}

	/** Freezes the lines; with a payment provider connected, the invoice then waits to be synced. */
	void finalise(Instant at, boolean toBeSynced) {
		require("finalize", InvoiceStatus.DRAFT);
		status = InvoiceStatus.FINALIZED;
		finalizedAt = at;
		sync = toBeSynced ? SyncStatus.PENDING : SyncStatus.NOT_SYNCED;
	}

	void markPaid() {
		require("mark paid", InvoiceStatus.FINALIZED, InvoiceStatus.PAYMENT_FAILED);
		status = InvoiceStatus.PAID;
	}

	void markPaymentFailed() {
		require("mark payment failed", InvoiceStatus.FINALIZED, InvoiceStatus.PAYMENT_FAILED);
		status = InvoiceStatus.PAYMENT_FAILED;
	}

	void markVoid() {
		require("void", InvoiceStatus.FINALIZED, InvoiceStatus.PAYMENT_FAILED);
		status = InvoiceStatus.VOID;
	}

	void markSynced(String stripeInvoiceId) {
		if (sync != SyncStatus.PENDING) {
			throw new IllegalStateException("invoice " + id + " is " + sync + ", only a PENDING invoice can be synced");
		}
		this.stripeInvoiceId = stripeInvoiceId;
		sync = SyncStatus.SYNCED;
	}

	private void require(String move, InvoiceStatus... allowed) {
		if (!Set.of(allowed).contains(status)) {
			throw new IllegalStateException("cannot " + move + " invoice " + id + ": it is " + status);
		}
	}

	public Money total() {
		return lines.stream().map(InvoiceLine::amount).reduce(Money.zero(currency).roundedToMinorUnits(), Money::plus);
	}

	public InvoiceId id() {
		return id;
	}

	public OrgId orgId() {
		return orgId;
	}

	public BillingPeriod period() {
		return period;
	}

	public Currency currency() {
		return currency;
	}

	public List<InvoiceLine> lines() {
		return lines;
	}

	public InvoiceStatus status() {
		return status;
	}

	public Instant finalizedAt() {
		return finalizedAt;
	}

	public SyncStatus sync() {
		return sync;
	}

	public String stripeInvoiceId() {
		return stripeInvoiceId;
	}

	public InvoiceLine line(int number) {
		return lines.stream().filter(line -> line.number() == number).findFirst().orElse(null);
	}
}
