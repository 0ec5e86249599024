/**
 * Auth: who is calling and what they may do. API keys and service accounts, the permission table every endpoint
 * declares against, and (with the SSO issue) Keycloak logins and JWTs. Depends on tenancy only.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "tenancy")
package io.runledger.auth;
