-- Runs as the migration owner. The application connects as ${app_role}, which owns nothing, so the row-level
-- security policies below always apply to it.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${app_role};

-- The tenant of the current transaction, set with SET LOCAL app.org_id by the application. Unset or empty means
-- "no tenant", which matches no row: a forgotten filter fails closed.
CREATE FUNCTION current_org_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
