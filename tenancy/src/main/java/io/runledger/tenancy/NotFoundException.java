package io.runledger.tenancy;

/**
 * Nothing with this id exists for the caller's organisation. Deliberately the same answer whether the id does not
 * exist at all or belongs to another tenant, so ids never leak existence across tenants.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String kind, Object id) {
		super(kind + " '" + Printable.abbreviate(String.valueOf(id)) + "' does not exist");
	}
}
