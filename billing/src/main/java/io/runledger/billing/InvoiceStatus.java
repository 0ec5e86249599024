package io.runledger.billing;

/** DRAFT → FINALIZED → PAID / PAYMENT_FAILED / VOID; a failed payment may still be paid or voided later. */
public enum InvoiceStatus {
	DRAFT, FINALIZED, PAID, PAYMENT_FAILED, VOID
}
