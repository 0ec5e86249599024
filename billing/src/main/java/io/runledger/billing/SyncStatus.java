package io.runledger.billing;

/** Whether the payment provider knows the invoice. NOT_SYNCED: no provider configured when it was finalized. */
public enum SyncStatus {
	NOT_SYNCED, PENDING, SYNCED
}
