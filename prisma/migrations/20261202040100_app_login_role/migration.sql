-- The app connects as a role that owns nothing (docs/decisions/0025-app-login-role.md).
-- ict_web logs in; it is a member of ict_app, which holds the grants (earlier migrations) and is what
-- row-level security applies to. Migrations keep running as the owner (MIGRATION_DATABASE_URL).
-- No password here: local trust authentication needs none, and elsewhere the administrator sets one
-- (ALTER ROLE ict_web PASSWORD …), so the role cannot log in anywhere until someone decides it may.
DO $$
BEGIN
  CREATE ROLE ict_web LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;
GRANT ict_app TO ict_web;

-- Work that belongs to no request and crosses schools (the daily jobs, the sealing worker, the public
-- /verify page) runs as ict_system: it reads past row-level security (BYPASSRLS) but, like ict_web, owns
-- nothing and has ict_app's grants only, so it cannot change evidence or switch its triggers off either.
-- lib/db.ts uses it only inside runAsSystem (lib/db/context.ts), named at each such entry point.
DO $$
BEGIN
  CREATE ROLE ict_system LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;
GRANT ict_app TO ict_system;

-- Sealed PDFs are evidence: stored once, never changed (the trigger refuses too).
REVOKE UPDATE, DELETE, TRUNCATE ON "SealedDocument" FROM ict_app;

-- The organisation in scope for a trust-wide report or an organisation's own audit chain.
CREATE FUNCTION app_scope_organisation_id() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.organisation_id', true), '')
$$;
-- Its schools, as an array so that `"schoolId" = ANY (…)` can use the schoolId indexes.
CREATE FUNCTION app_organisation_school_ids() RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(id), '{}') FROM "School" WHERE "organisationId" = app_scope_organisation_id()
$$;

-- Reads only: with an organisation in scope (and no school), every row of its schools may be read,
-- for the trust-wide reports and jobs; writing still needs the one school (the existing policies).
DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
    WHERE c.relnamespace = 'public'::regnamespace AND p.polcmd = '*'
      AND pg_get_expr(p.polqual, p.polrelid) = '("schoolId" = app_school_id())'
  LOOP
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (app_school_id() IS NULL AND "schoolId" = ANY (app_organisation_school_ids()))',
      lower(t) || '_organisation', t);
  END LOOP;
END;
$$;
CREATE POLICY policy_organisation ON "Policy" FOR SELECT
  USING (app_school_id() IS NULL AND ("organisationId" = app_scope_organisation_id() OR "schoolId" = ANY (app_organisation_school_ids())));

-- An organisation's own chain (sign-ins and other events with no school) is read in its scope.
CREATE POLICY auditevent_organisation_chain ON "AuditEvent" FOR SELECT
  USING (app_school_id() IS NULL AND "schoolId" IS NULL AND "organisationId" = app_scope_organisation_id());
-- Events with no school (sign-ins, strangers' attempts) are appended outside any school's scope; in a
-- school's scope, only to that school's chain (auditevent_school) or its own organisation's.
CREATE POLICY auditevent_no_school_insert ON "AuditEvent" FOR INSERT
  WITH CHECK ("schoolId" IS NULL AND (app_school_id() IS NULL OR "organisationId" = app_organisation_id()));

-- Appending needs the chain's last link, which the appender may not be allowed to read (a sign-in has
-- no scope): only its seq and hash are given out, never the event.
CREATE FUNCTION audit_chain_head(p_chain text) RETURNS TABLE (seq integer, hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT seq, hash FROM "AuditEvent" WHERE chain = p_chain ORDER BY seq DESC LIMIT 1
$$;
REVOKE ALL ON FUNCTION audit_chain_head(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_chain_head(text) TO ict_app;

-- A person's own memberships in every school, when no school is set: the school picker, and the
-- organisation a sign-in is recorded against. Never another person's, never with a school set.
CREATE POLICY membership_own ON "Membership" FOR SELECT
  USING (app_school_id() IS NULL AND "personId" = app_person_id());

-- Policy versions have no schoolId: they are readable and writable exactly when their policy is.
ALTER TABLE "PolicyVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PolicyVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY policyversion_policy ON "PolicyVersion"
  USING (EXISTS (SELECT 1 FROM "Policy" p WHERE p.id = "policyId"))
  WITH CHECK (EXISTS (SELECT 1 FROM "Policy" p WHERE p.id = "policyId"));

-- The organisation whose chain an event with no school goes on (lib/audit/record.ts): the actor's first
-- membership's, else their first organisation role's. Only the organisation's id is given out.
CREATE FUNCTION audit_actor_organisation(p_person text) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT "organisationId" FROM (
    SELECT s."organisationId", 0 AS kind, m."createdAt" FROM "Membership" m JOIN "School" s ON s.id = m."schoolId"
     WHERE m."personId" = p_person
    UNION ALL
    SELECT r."organisationId", 1, r."createdAt" FROM "OrganisationRole" r WHERE r."personId" = p_person
  ) o ORDER BY kind, "createdAt", "organisationId" LIMIT 1
$$;
REVOKE ALL ON FUNCTION audit_actor_organisation(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_actor_organisation(text) TO ict_app;
