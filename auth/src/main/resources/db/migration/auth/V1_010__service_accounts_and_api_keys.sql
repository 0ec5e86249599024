-- Non-human members: CI pipelines and training clusters act through these, with their own role.
CREATE TABLE service_accounts (
    org_id             uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    service_account_id uuid        NOT NULL,
    name               text        NOT NULL,
    role               text        NOT NULL CHECK (role IN ('VIEWER', 'MEMBER', 'ADMIN')),
    created_at         timestamptz NOT NULL,
    deleted_at         timestamptz,
    PRIMARY KEY (org_id, service_account_id)
);
CREATE UNIQUE INDEX service_accounts_live_name ON service_accounts (org_id, name) WHERE deleted_at IS NULL;

-- Only a SHA-256 of each key is kept; the key itself is shown once, at creation. Keys are 190 bits of randomness,
-- so a fast hash is as good as a slow one here and keeps authentication to one index probe.
CREATE TABLE api_keys (
    org_id       uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    key_id       uuid        NOT NULL,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     bytea       NOT NULL,
    holder_kind  text        NOT NULL CHECK (holder_kind IN ('USER', 'SERVICE_ACCOUNT')),
    holder_id    uuid        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('VIEWER', 'MEMBER', 'ADMIN', 'OWNER')),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    PRIMARY KEY (org_id, key_id)
);
-- Globally unique by construction (random); unique so that a collision could never authenticate as someone else.
-- Not prefixed by org_id on purpose: a key is presented before its tenant is known.
CREATE UNIQUE INDEX api_keys_by_hash ON api_keys (key_hash);
CREATE INDEX api_keys_by_holder ON api_keys (org_id, holder_kind, holder_id);

ALTER TABLE service_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON service_accounts USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON api_keys USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- Authentication happens before the tenant is known, so it is the one place that must look across tenants. This
-- SECURITY DEFINER function answers only for a presented key's hash, only if the key is live, and only with what
-- the caller needs: the tenant, the holder and the effective role (the key's role capped by the holder's current
-- role, so demoting or removing a person immediately weakens or kills their keys). It also records last use, at
-- most once a minute, to keep the hot path free of writes.
CREATE FUNCTION authenticate_api_key(p_hash bytea, p_now timestamptz)
    RETURNS TABLE (org_id uuid, key_id uuid, holder_kind text, holder_id uuid, role text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    k api_keys%ROWTYPE;
    holder_role text;
    rank_key int;
    rank_holder int;
BEGIN
    SELECT * INTO k FROM api_keys a
     WHERE a.key_hash = p_hash AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > p_now);
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF k.holder_kind = 'USER' THEN
        SELECT m.role INTO holder_role FROM members m WHERE m.org_id = k.org_id AND m.user_id = k.holder_id;
    ELSE
        SELECT s.role INTO holder_role FROM service_accounts s
         WHERE s.org_id = k.org_id AND s.service_account_id = k.holder_id AND s.deleted_at IS NULL;
    END IF;
    IF holder_role IS NULL THEN
        RETURN;
    END IF;
    rank_key := array_position(ARRAY['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'], k.role);
    rank_holder := array_position(ARRAY['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'], holder_role);
    IF k.last_used_at IS NULL OR k.last_used_at < p_now - interval '1 minute' THEN
        UPDATE api_keys a SET last_used_at = p_now WHERE a.org_id = k.org_id AND a.key_id = k.key_id;
    END IF;
    RETURN QUERY SELECT k.org_id, k.key_id, k.holder_kind, k.holder_id,
        CASE WHEN rank_key <= rank_holder THEN k.role ELSE holder_role END;
END
$$;
