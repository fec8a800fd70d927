-- Row-level security on the tenant tables that predate it (docs/decisions/0012). Inside a transaction run as
-- ict_app (lib/db/scope.ts) only the rows of the school set for it (app.school_id) can be read or written;
-- with no school set, none. The owner's connection (migrations, jobs, trust-wide reports) is not limited.

-- A trust-wide policy belongs to the organisation of the school in scope.
CREATE FUNCTION app_organisation_id() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT "organisationId" FROM "School" WHERE id = app_school_id()
$$;

ALTER TABLE "Policy" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Policy" FORCE ROW LEVEL SECURITY;
CREATE POLICY policy_school ON "Policy"
  USING ("schoolId" = app_school_id() OR "organisationId" = app_organisation_id())
  WITH CHECK ("schoolId" = app_school_id() OR "organisationId" = app_organisation_id());

ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY membership_school ON "Membership" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "Declaration" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Declaration" FORCE ROW LEVEL SECURITY;
CREATE POLICY declaration_school ON "Declaration" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "PolicyReminder" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PolicyReminder" FORCE ROW LEVEL SECURITY;
CREATE POLICY policyreminder_school ON "PolicyReminder" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "SchoolHoliday" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SchoolHoliday" FORCE ROW LEVEL SECURITY;
CREATE POLICY schoolholiday_school ON "SchoolHoliday" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "AuditEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY auditevent_school ON "AuditEvent" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

