/**
 * Metering: exact, idempotent counts of data points, tracked hours and stored bytes, and usage budgets. Depends on
 * tenancy only; tracking and storage report to it through its public recorder API. Built by the metering issue;
 * until then this module holds no code.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "tenancy")
package io.runledger.metering;
