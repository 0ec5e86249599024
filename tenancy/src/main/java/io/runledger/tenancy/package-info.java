/**
 * Tenancy: organisations (the tenants), their projects and memberships, the audit log, and the machinery that
 * scopes every database transaction to one tenant (row-level security keyed on {@code app.org_id}).
 * The base module: it depends on no other Runledger module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.runledger.tenancy;
