-- Where each organisation lives in Keycloak (one Keycloak Organization per tenant), once provisioned.
CREATE TABLE sso_organisations (
    org_id           uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    keycloak_org_id  text        NOT NULL,
    provisioned_at   timestamptz NOT NULL,
    PRIMARY KEY (org_id)
);

-- Corporate identity providers an organisation brought, with the email domains routed to them and the role people
-- get when they first sign in through them (viewers are free, so that is the usual choice).
CREATE TABLE sso_identity_providers (
    org_id       uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    alias        text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('OIDC')),
    domains      text[]      NOT NULL,
    default_role text        NOT NULL CHECK (default_role IN ('VIEWER', 'MEMBER', 'ADMIN')),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (org_id, alias)
);

ALTER TABLE sso_organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE sso_identity_providers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sso_organisations USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON sso_identity_providers USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
