-- Single sign-on identifies people by verified email. Which organisations an email belongs to is needed before a
-- tenant is chosen; like the other cross-tenant lookups it answers ids only.
CREATE FUNCTION org_ids_for_email(p_email text) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT org_id FROM members WHERE email = lower(p_email) $$;
