-- An ADMIN invites a person by email with a role; they join on their first single sign-on login.
CREATE TABLE invitations (
    org_id      uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    email       text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('VIEWER', 'MEMBER', 'ADMIN', 'OWNER')),
    invited_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    PRIMARY KEY (org_id, email)
);
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- Sign-in must also find the organisations a person is invited to.
CREATE OR REPLACE FUNCTION org_ids_for_email(p_email text) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT org_id FROM members WHERE email = lower(p_email)
          UNION
          SELECT org_id FROM invitations WHERE email = lower(p_email) AND accepted_at IS NULL $$;
