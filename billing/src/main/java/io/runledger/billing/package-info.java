/**
 * Billing: price plans, rating usage into invoices, Stripe. Depends on metering and tenancy. Built by the billing
 * issue; until then this module holds no code.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "metering", "tenancy" })
package io.runledger.billing;
