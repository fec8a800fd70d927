-- CreateEnum
CREATE TYPE "IncidentCategory" AS ENUM ('ACCIDENTAL_ACCESS', 'INAPPROPRIATE_MESSAGE', 'CYBERBULLYING', 'COLLEAGUE_MISUSE', 'ALLEGATION_AGAINST_STAFF', 'CONCERN_ABOUT_HEAD', 'SAFEGUARDING', 'ONLINE_SAFETY_PUPIL', 'DATA_BREACH', 'ACCOUNT_COMPROMISE', 'SECURITY_CONCERN', 'FILTER_BYPASS', 'POLICE_INDECENT_IMAGES', 'POLICE_GROOMING', 'POLICE_OBSCENE_TO_CHILD');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('NEW', 'ACKNOWLEDGED', 'INVESTIGATING', 'CLOSED');

-- CreateEnum
CREATE TYPE "IncidentOutcome" AS ENUM ('NO_FURTHER_ACTION', 'ADVICE_OR_TRAINING', 'DISCIPLINARY', 'REFERRED', 'TECHNICAL_FIX', 'SUBSTANTIATED', 'UNSUBSTANTIATED', 'UNFOUNDED', 'FALSE', 'MALICIOUS');

-- CreateEnum
CREATE TYPE "ChronologyKind" AS ENUM ('NOTE', 'REFERRED_POLICE', 'REFERRED_LADO', 'REFERRED_ICO', 'REFERRED_SOCIAL_CARE', 'PARENTS_INFORMED', 'DEVICE_SECURED', 'STATUS_CHANGED', 'LEAD_SET', 'REROUTED', 'CLOSED', 'REOPENED', 'BREACH_DECISION');

-- CreateEnum
CREATE TYPE "BreachType" AS ENUM ('LOSS', 'UNAUTHORISED_DISCLOSURE', 'UNAUTHORISED_ACCESS', 'ALTERATION', 'DESTRUCTION');

-- CreateEnum
CREATE TYPE "BreachRisk" AS ENUM ('NONE', 'RISK', 'HIGH_RISK');

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "category" "IncidentCategory" NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'NEW',
    "description" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3),
    "awareAt" TIMESTAMPTZ(3) NOT NULL,
    "location" TEXT,
    "pupilRefs" TEXT,
    "immediateAction" TEXT,
    "reporterId" TEXT NOT NULL,
    "leadId" TEXT,
    "routedRoles" "SchoolRole"[],
    "routedOrgRoles" "OrgRole"[],
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "urgentAckAt" TIMESTAMPTZ(3),
    "urgentAckById" TEXT,
    "outcome" "IncidentOutcome",
    "outcomeSummary" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentSubject" (
    "incidentId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    CONSTRAINT "IncidentSubject_pkey" PRIMARY KEY ("incidentId","personId")
);

-- CreateTable
CREATE TABLE "ChronologyEntry" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "kind" "ChronologyKind" NOT NULL,
    "note" TEXT NOT NULL,
    "authorId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChronologyEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentRead" (
    "incidentId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "firstReadAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentRead_pkey" PRIMARY KEY ("incidentId","personId")
);

-- CreateTable
CREATE TABLE "BreachRecord" (
    "incidentId" TEXT NOT NULL,
    "breachType" "BreachType",
    "personalData" TEXT,
    "peopleAffected" INTEGER,
    "recordsAffected" INTEGER,
    "consequences" TEXT,
    "risk" "BreachRisk",
    "remedialAction" TEXT,
    "subjectsInformed" BOOLEAN,
    "subjectsInformedOn" DATE,
    "reported" BOOLEAN,
    "icoReportedOn" DATE,
    "icoReference" TEXT,
    "notReportedReason" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BreachRecord_pkey" PRIMARY KEY ("incidentId")
);

-- CreateTable
CREATE TABLE "BreachReminder" (
    "incidentId" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreachReminder_pkey" PRIMARY KEY ("incidentId","stage")
);

-- CreateIndex
CREATE INDEX "Incident_schoolId_status_createdAt_idx" ON "Incident"("schoolId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Incident_reporterId_idx" ON "Incident"("reporterId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_schoolId_number_key" ON "Incident"("schoolId", "number");

-- CreateIndex
CREATE INDEX "IncidentSubject_personId_idx" ON "IncidentSubject"("personId");

-- CreateIndex
CREATE INDEX "ChronologyEntry_incidentId_at_idx" ON "ChronologyEntry"("incidentId", "at");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSubject" ADD CONSTRAINT "IncidentSubject_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSubject" ADD CONSTRAINT "IncidentSubject_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChronologyEntry" ADD CONSTRAINT "ChronologyEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChronologyEntry" ADD CONSTRAINT "ChronologyEntry_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentRead" ADD CONSTRAINT "IncidentRead_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentRead" ADD CONSTRAINT "IncidentRead_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreachRecord" ADD CONSTRAINT "BreachRecord_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreachReminder" ADD CONSTRAINT "BreachReminder_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ======================================================================================================
-- Need to know, enforced in PostgreSQL (docs/decisions/0012-incidents-need-to-know.md).
-- The app runs incident work inside lib/db/scope.ts: SET LOCAL ROLE ict_app, then app.school_id and
-- app.person_id for the transaction. Row-level security below decides what that person may see.
-- The policy helpers are SECURITY DEFINER, owned by the migration's role, which must bypass RLS
-- (a superuser, or a role with BYPASSRLS): otherwise the policies would recurse and fail closed.
-- ======================================================================================================

-- The role is cluster-wide: another database (or a concurrent test run) may have created it already.
DO $$
BEGIN
  CREATE ROLE ict_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;

-- The role that runs migrations is normally the one the app connects as: it must be able to SET ROLE
-- ict_app (a superuser can already; granting to one is harmless).
DO $$
BEGIN
  EXECUTE format('GRANT ict_app TO %I', current_user);
EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN NULL;
END;
$$;

GRANT USAGE ON SCHEMA public TO ict_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ict_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ict_app;
-- Tables created by later migrations (run by the same role) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ict_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ict_app;
-- The migrations table is none of the app's business (it is absent when Prisma diffs a shadow database).
DO $$
BEGIN
  IF to_regclass('"_prisma_migrations"') IS NOT NULL THEN
    EXECUTE 'REVOKE ALL ON "_prisma_migrations" FROM ict_app';
  END IF;
END;
$$;
-- Evidence is append-only for the app's role as well as by trigger.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent", "Declaration", "PolicyReminder", "ChronologyEntry", "IncidentSubject", "IncidentRead", "BreachReminder" FROM ict_app;
REVOKE DELETE, TRUNCATE ON "Incident", "BreachRecord" FROM ict_app;

-- ---------- Who is asking ----------

CREATE FUNCTION app_person_id() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.person_id', true), '')
$$;
CREATE FUNCTION app_school_id() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.school_id', true), '')
$$;

-- Holds one of the routed roles in the school today (an active membership), or a routed organisation
-- role over it. The same rule as handlersOf() in lib/incidents/routing.ts.
CREATE FUNCTION incident_holds_route(p_school text, p_person text, p_roles "SchoolRole"[], p_org_roles "OrgRole"[])
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
      SELECT 1 FROM "Membership" m JOIN "Person" p ON p.id = m."personId"
      WHERE m."schoolId" = p_school AND m."personId" = p_person AND p.status = 'ACTIVE'
        AND m."startDate" <= (now() AT TIME ZONE 'Europe/London')::date
        AND (m."endDate" IS NULL OR m."endDate" >= (now() AT TIME ZONE 'Europe/London')::date)
        AND m.roles && coalesce(p_roles, '{}'))
    OR EXISTS (
      SELECT 1 FROM "OrganisationRole" r
        JOIN "School" s ON s."organisationId" = r."organisationId"
        JOIN "Person" p ON p.id = r."personId"
      WHERE s.id = p_school AND r."personId" = p_person AND p.status = 'ACTIVE'
        AND r.role = ANY (coalesce(p_org_roles, '{}')))
$$;

CREATE FUNCTION incident_is_subject(p_incident text, p_person text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM "IncidentSubject" WHERE "incidentId" = p_incident AND "personId" = p_person)
$$;

-- A handler of this incident row, for the person and school of the transaction: never a subject.
CREATE FUNCTION incident_row_handler(p_id text, p_school text, p_roles "SchoolRole"[], p_org_roles "OrgRole"[])
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT app_person_id() IS NOT NULL
     AND p_school = app_school_id()
     AND NOT incident_is_subject(p_id, app_person_id())
     AND incident_holds_route(p_school, app_person_id(), p_roles, p_org_roles)
$$;

CREATE FUNCTION incident_is_handler(p_incident text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT incident_row_handler(i.id, i."schoolId", i."routedRoles", i."routedOrgRoles")
                   FROM "Incident" i WHERE i.id = p_incident), false)
$$;

CREATE FUNCTION incident_is_reporter(p_incident text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM "Incident" i WHERE i.id = p_incident
                 AND i."reporterId" = app_person_id() AND i."schoolId" = app_school_id())
$$;

-- Everyone who handles the incident now (for its emails, the lead picker and the breach reminders).
-- Only its reporter, its handlers, or an unscoped caller (the reminder job) may ask.
CREATE FUNCTION incident_handler_ids(p_incident text)
RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT h.id FROM (
      SELECT m."personId" AS id FROM "Incident" i
        JOIN "Membership" m ON m."schoolId" = i."schoolId"
        JOIN "Person" p ON p.id = m."personId"
      WHERE i.id = p_incident AND p.status = 'ACTIVE'
        AND m."startDate" <= (now() AT TIME ZONE 'Europe/London')::date
        AND (m."endDate" IS NULL OR m."endDate" >= (now() AT TIME ZONE 'Europe/London')::date)
        AND m.roles && i."routedRoles"
      UNION
      SELECT r."personId" FROM "Incident" i
        JOIN "School" s ON s.id = i."schoolId"
        JOIN "OrganisationRole" r ON r."organisationId" = s."organisationId"
        JOIN "Person" p ON p.id = r."personId"
      WHERE i.id = p_incident AND p.status = 'ACTIVE' AND r.role = ANY (i."routedOrgRoles")
    ) h
  WHERE NOT incident_is_subject(p_incident, h.id)
    AND (app_person_id() IS NULL OR incident_is_reporter(p_incident) OR incident_is_handler(p_incident))
  ORDER BY h.id
$$;

-- Per-school report numbers: the reporter cannot count rows they may not see, so the count is made here.
CREATE FUNCTION incident_next_number(p_school text)
RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF p_school IS DISTINCT FROM app_school_id() THEN
    RAISE EXCEPTION 'incident numbers are given only in the school of the transaction' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('incident-number:' || p_school));
  RETURN (SELECT coalesce(max(number), 0) + 1 FROM "Incident" WHERE "schoolId" = p_school);
END;
$$;

REVOKE ALL ON FUNCTION incident_holds_route(text, text, "SchoolRole"[], "OrgRole"[]), incident_is_subject(text, text),
  incident_row_handler(text, text, "SchoolRole"[], "OrgRole"[]), incident_is_handler(text), incident_is_reporter(text),
  incident_handler_ids(text), incident_next_number(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION incident_holds_route(text, text, "SchoolRole"[], "OrgRole"[]), incident_is_subject(text, text),
  incident_row_handler(text, text, "SchoolRole"[], "OrgRole"[]), incident_is_handler(text), incident_is_reporter(text),
  incident_handler_ids(text), incident_next_number(text) TO ict_app;

-- ---------- Row-level security ----------

ALTER TABLE "Incident" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Incident" FORCE ROW LEVEL SECURITY;
-- The reporter sees their own row (the page shows them only what they wrote and the status).
CREATE POLICY incident_select ON "Incident" FOR SELECT
  USING ("schoolId" = app_school_id()
         AND ("reporterId" = app_person_id() OR incident_row_handler(id, "schoolId", "routedRoles", "routedOrgRoles")));
CREATE POLICY incident_insert ON "Incident" FOR INSERT
  WITH CHECK ("schoolId" = app_school_id() AND "reporterId" = app_person_id());
CREATE POLICY incident_update ON "Incident" FOR UPDATE
  USING (incident_row_handler(id, "schoolId", "routedRoles", "routedOrgRoles"))
  WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "IncidentSubject" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IncidentSubject" FORCE ROW LEVEL SECURITY;
CREATE POLICY incident_subject_select ON "IncidentSubject" FOR SELECT
  USING (incident_is_handler("incidentId") OR incident_is_reporter("incidentId"));
CREATE POLICY incident_subject_insert ON "IncidentSubject" FOR INSERT
  WITH CHECK (incident_is_reporter("incidentId") OR incident_is_handler("incidentId"));

ALTER TABLE "ChronologyEntry" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ChronologyEntry" FORCE ROW LEVEL SECURITY;
CREATE POLICY chronology_select ON "ChronologyEntry" FOR SELECT USING (incident_is_handler("incidentId"));
CREATE POLICY chronology_insert ON "ChronologyEntry" FOR INSERT
  WITH CHECK (incident_is_handler("incidentId") AND "authorId" = app_person_id());

ALTER TABLE "IncidentRead" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IncidentRead" FORCE ROW LEVEL SECURITY;
CREATE POLICY incident_read_select ON "IncidentRead" FOR SELECT USING (incident_is_handler("incidentId"));
CREATE POLICY incident_read_insert ON "IncidentRead" FOR INSERT
  WITH CHECK (incident_is_handler("incidentId") AND "personId" = app_person_id());

ALTER TABLE "BreachRecord" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "BreachRecord" FORCE ROW LEVEL SECURITY;
CREATE POLICY breach_record_select ON "BreachRecord" FOR SELECT USING (incident_is_handler("incidentId"));
CREATE POLICY breach_record_insert ON "BreachRecord" FOR INSERT WITH CHECK (incident_is_handler("incidentId"));
CREATE POLICY breach_record_update ON "BreachRecord" FOR UPDATE
  USING (incident_is_handler("incidentId")) WITH CHECK (incident_is_handler("incidentId"));

-- Written only by the reminder job (not under ict_app); handlers may see which reminders went.
ALTER TABLE "BreachReminder" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "BreachReminder" FORCE ROW LEVEL SECURITY;
CREATE POLICY breach_reminder_select ON "BreachReminder" FOR SELECT USING (incident_is_handler("incidentId"));

-- ---------- Evidence and rules (CHECK constraints crash the schema engine: docs/decisions/0001) ----------

CREATE TRIGGER chronology_append_only BEFORE UPDATE OR DELETE ON "ChronologyEntry"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER chronology_no_truncate BEFORE TRUNCATE ON "ChronologyEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
-- Removing a subject would show them the report: subjects, like read receipts, are only ever added.
CREATE TRIGGER incident_subject_append_only BEFORE UPDATE OR DELETE ON "IncidentSubject"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER incident_read_append_only BEFORE UPDATE OR DELETE ON "IncidentRead"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER breach_reminder_no_update BEFORE UPDATE ON "BreachReminder"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- What was reported is evidence: handlers move the status, set the lead, widen the routing and close;
-- they never rewrite the report, narrow who receives it, or close without an outcome.
CREATE FUNCTION incident_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'incidents are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND (
       NEW."schoolId" IS DISTINCT FROM OLD."schoolId" OR NEW.number IS DISTINCT FROM OLD.number
    OR NEW.category IS DISTINCT FROM OLD.category OR NEW.description IS DISTINCT FROM OLD.description
    OR NEW."occurredAt" IS DISTINCT FROM OLD."occurredAt" OR NEW."awareAt" IS DISTINCT FROM OLD."awareAt"
    OR NEW.location IS DISTINCT FROM OLD.location OR NEW."pupilRefs" IS DISTINCT FROM OLD."pupilRefs"
    OR NEW."immediateAction" IS DISTINCT FROM OLD."immediateAction" OR NEW."reporterId" IS DISTINCT FROM OLD."reporterId"
    OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt") THEN
    RAISE EXCEPTION 'what was reported is not changed after it is reported' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND NOT (coalesce(NEW."routedRoles", '{}') @> coalesce(OLD."routedRoles", '{}')
                              AND coalesce(NEW."routedOrgRoles", '{}') @> coalesce(OLD."routedOrgRoles", '{}')) THEN
    RAISE EXCEPTION 'an incident may be routed to more roles, never fewer' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'CLOSED' AND (NEW.outcome IS NULL OR NEW."outcomeSummary" IS NULL OR NEW."closedAt" IS NULL) THEN
    RAISE EXCEPTION 'an incident is closed only with an outcome and a summary' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'CLOSED' AND NEW.category = 'DATA_BREACH' AND NOT EXISTS (
       SELECT 1 FROM "BreachRecord" b WHERE b."incidentId" = NEW.id AND b."decidedAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'a data breach is closed only after the decision on reporting it to the ICO' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER incident_rules BEFORE INSERT OR UPDATE OR DELETE ON "Incident"
  FOR EACH ROW EXECUTE FUNCTION incident_rules();
CREATE TRIGGER incident_no_truncate BEFORE TRUNCATE ON "Incident"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION breach_record_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Incident" WHERE id = NEW."incidentId" AND category = 'DATA_BREACH') THEN
    RAISE EXCEPTION 'a breach record belongs to a data-breach incident' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.reported IS TRUE AND (NEW."icoReportedOn" IS NULL OR NEW."icoReference" IS NULL) THEN
    RAISE EXCEPTION 'a breach reported to the ICO needs the date and the ICO reference' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.reported IS FALSE AND NEW."notReportedReason" IS NULL THEN
    RAISE EXCEPTION 'a breach not reported to the ICO needs the reason' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.reported IS NULL) <> (NEW."decidedAt" IS NULL) THEN
    RAISE EXCEPTION 'a breach decision is recorded with its time' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW."peopleAffected" IS NOT NULL AND NEW."peopleAffected" < 0) OR (NEW."recordsAffected" IS NOT NULL AND NEW."recordsAffected" < 0) THEN
    RAISE EXCEPTION 'numbers affected cannot be negative' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER breach_record_rules BEFORE INSERT OR UPDATE ON "BreachRecord"
  FOR EACH ROW EXECUTE FUNCTION breach_record_rules();
