-- Corporate identity providers may speak SAML 2.0 as well as OpenID Connect.
ALTER TABLE sso_identity_providers DROP CONSTRAINT sso_identity_providers_kind_check;
ALTER TABLE sso_identity_providers ADD CONSTRAINT sso_identity_providers_kind_check CHECK (kind IN ('OIDC', 'SAML'));
