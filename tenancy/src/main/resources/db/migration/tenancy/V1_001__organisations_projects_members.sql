-- The tenant registry. Its global unique slug is the one deliberate exception to "every key starts with org_id":
-- slugs name tenants, so they are unique across them (a reference table, were the schema distributed).
CREATE TABLE organisations (
    org_id     uuid        PRIMARY KEY,
    slug       text        NOT NULL UNIQUE,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE projects (
    org_id      uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    project_id  uuid        NOT NULL,
    slug        text        NOT NULL,
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (org_id, project_id),
    UNIQUE (org_id, slug)
);

CREATE TABLE members (
    org_id       uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL,
    email        text        NOT NULL,
    display_name text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('VIEWER', 'MEMBER', 'ADMIN', 'OWNER')),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (org_id, user_id),
    UNIQUE (org_id, email)
);

-- Who did which administrative or security-relevant thing, when. Append-only for the application.
CREATE TABLE audit_log (
    org_id      uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    audit_id    bigint      GENERATED ALWAYS AS IDENTITY,
    at          timestamptz NOT NULL,
    actor_kind  text        NOT NULL,
    actor_id    text        NOT NULL,
    action      text        NOT NULL,
    target_kind text        NOT NULL,
    target_id   text        NOT NULL,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (org_id, audit_id)
);
REVOKE UPDATE, DELETE ON audit_log FROM ${app_role};

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON organisations USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON projects USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON members USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON audit_log USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- The one lookup that must cross tenants: resolving a slug (at sign-in, in URLs) to its tenant before any tenant is
-- known. SECURITY DEFINER runs it as the owner, past RLS, and it answers nothing but the id.
CREATE FUNCTION org_id_for_slug(p_slug text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT org_id FROM organisations WHERE slug = p_slug $$;

-- Which organisations a person belongs to, for sign-in; again only ids cross the boundary.
CREATE FUNCTION org_ids_for_user(p_user_id uuid) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT org_id FROM members WHERE user_id = p_user_id $$;
