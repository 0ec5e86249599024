package io.runledger.billing;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.OrgId;

/** The payment provider's customer portal, where an organisation's owners manage payment methods. */
@Component
public class BillingPortal {

	private final BillingCustomers customers;

	private final Payments payments;

	private final AuditLog audit;

	private final BillingProperties properties;

	BillingPortal(BillingCustomers customers, Payments payments, AuditLog audit, BillingProperties properties) {
		this.customers = customers;
		this.payments = payments;
		this.audit = audit;
		this.properties = properties;
	}

	/** A short-lived portal link; refused with a conflict when no payment provider is configured. */
	public String open(OrgId orgId, Actor actor) {
		var customer = customers.ensure(orgId);
		var url = payments.portalUrl(customer, properties.stripe().portalReturnUrl());
		audit.record(orgId, actor, "billing.portal.opened", "stripe_customer", customer, Map.of());
		return url;
	}
}
