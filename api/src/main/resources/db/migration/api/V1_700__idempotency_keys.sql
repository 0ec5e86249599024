-- Retry-safe creates (http/IdempotentRequests): the first request with an Idempotency-Key claims (org, key) here;
-- a retry with the same request (hash of caller, method, path and body) answers the stored result, another request
-- under the key is refused. The primary key is what makes concurrent duplicates safe: only one insert wins.
CREATE TABLE idempotency_keys (
    org_id        uuid        NOT NULL,
    idempotency_key text      NOT NULL,
    request_hash  bytea       NOT NULL,
    created_at    timestamptz NOT NULL,
    -- null while the first request runs; its answer once it succeeded (failed attempts delete the row).
    status        integer,
    content_type  text,
    location      text,
    body          bytea,
    PRIMARY KEY (org_id, idempotency_key)
);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- Expired keys are deleted across tenants in one statement (IdempotencyKeys.purgeExpiredAcrossTenants); the
-- function answers only how many went.
CREATE FUNCTION purge_idempotency_keys(p_created_before timestamptz)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
    purged integer;
BEGIN
    DELETE FROM idempotency_keys WHERE created_at < p_created_before;
    GET DIAGNOSTICS purged = ROW_COUNT;
    RETURN purged;
END
$$;
