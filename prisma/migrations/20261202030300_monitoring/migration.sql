-- CreateEnum
CREATE TYPE "MonitoringKind" AS ENUM ('EMAIL', 'INTERNET_HISTORY', 'FILES', 'PHONE_RECORDS');

-- CreateEnum
CREATE TYPE "MonitoringGround" AS ENUM ('SUSPECTED_CRIME', 'UNAUTHORISED_USE', 'SYSTEM_SECURITY', 'ABSENT_USER_ACCESS');

-- CreateEnum
CREATE TYPE "MonitoringStatus" AS ENUM ('AWAITING', 'APPROVED', 'DECLINED', 'ENDED', 'LAPSED');

-- CreateEnum
CREATE TYPE "MonitoringDecisionKind" AS ENUM ('APPROVED', 'DECLINED');

-- CreateTable
CREATE TABLE "MonitoringAuthorisation" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "kinds" "MonitoringKind"[],
    "grounds" "MonitoringGround"[],
    "necessity" TEXT NOT NULL,
    "alternatives" TEXT NOT NULL,
    "dpiaReference" TEXT,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "status" "MonitoringStatus" NOT NULL DEFAULT 'AWAITING',
    "endedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonitoringAuthorisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitoringDecision" (
    "authorisationId" TEXT NOT NULL,
    "decision" "MonitoringDecisionKind" NOT NULL,
    "reason" TEXT,
    "deciderId" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "snapshot" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "MonitoringDecision_pkey" PRIMARY KEY ("authorisationId")
);

-- CreateTable
CREATE TABLE "MonitoringOutcome" (
    "authorisationId" TEXT NOT NULL,
    "found" TEXT NOT NULL,
    "actionTaken" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonitoringOutcome_pkey" PRIMARY KEY ("authorisationId")
);

-- CreateIndex
CREATE INDEX "MonitoringAuthorisation_schoolId_status_createdAt_idx" ON "MonitoringAuthorisation"("schoolId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "MonitoringAuthorisation_subjectId_idx" ON "MonitoringAuthorisation"("subjectId");

-- AddForeignKey
ALTER TABLE "MonitoringAuthorisation" ADD CONSTRAINT "MonitoringAuthorisation_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringAuthorisation" ADD CONSTRAINT "MonitoringAuthorisation_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringAuthorisation" ADD CONSTRAINT "MonitoringAuthorisation_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringDecision" ADD CONSTRAINT "MonitoringDecision_authorisationId_fkey" FOREIGN KEY ("authorisationId") REFERENCES "MonitoringAuthorisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringDecision" ADD CONSTRAINT "MonitoringDecision_deciderId_fkey" FOREIGN KEY ("deciderId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringOutcome" ADD CONSTRAINT "MonitoringOutcome_authorisationId_fkey" FOREIGN KEY ("authorisationId") REFERENCES "MonitoringAuthorisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringOutcome" ADD CONSTRAINT "MonitoringOutcome_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ======================================================================================================
-- Monitoring and interception authorisations (docs/decisions/0019-monitoring-authorisations.md).
-- Need to know as for incidents (0012): read and written as ict_app inside lib/db/scope.ts withScope, and
-- row-level security keyed on app.school_id and app.person_id decides who sees one: its requester and its
-- deciders (and whoever recorded its decision), never its subject. The helpers are SECURITY DEFINER so a
-- policy can look at memberships without recursing into the policies.
-- ======================================================================================================

-- Who decides, today: the school's Chairs of Governors (co-chairs alike) who are neither the requester
-- nor the subject; if there is none, the organisation's administrators and CEO (again never those two).
CREATE FUNCTION monitoring_decider_ids(p_school text, p_requester text, p_subject text)
RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH chairs AS (
    SELECT m."personId" AS id FROM "Membership" m JOIN "Person" p ON p.id = m."personId"
    WHERE m."schoolId" = p_school AND p.status = 'ACTIVE'
      AND m."startDate" <= (now() AT TIME ZONE 'Europe/London')::date
      AND (m."endDate" IS NULL OR m."endDate" >= (now() AT TIME ZONE 'Europe/London')::date)
      AND 'CHAIR_OF_GOVERNORS' = ANY (m.roles)
      AND m."personId" <> p_requester AND m."personId" <> p_subject
  ), trust AS (
    SELECT r."personId" AS id FROM "OrganisationRole" r
      JOIN "School" s ON s."organisationId" = r."organisationId"
      JOIN "Person" p ON p.id = r."personId"
    WHERE s.id = p_school AND p.status = 'ACTIVE' AND r.role IN ('TRUST_ADMIN', 'CEO')
      AND r."personId" <> p_requester AND r."personId" <> p_subject
  )
  SELECT id FROM chairs
  UNION
  SELECT id FROM trust WHERE NOT EXISTS (SELECT 1 FROM chairs)
$$;

-- The row as the person and school of the transaction may see it: never its subject.
CREATE FUNCTION monitoring_row_visible(p_id text, p_school text, p_requester text, p_subject text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT app_person_id() IS NOT NULL
     AND p_school = app_school_id()
     AND p_subject <> app_person_id()
     AND (p_requester = app_person_id()
          OR EXISTS (SELECT 1 FROM monitoring_decider_ids(p_school, p_requester, p_subject) d WHERE d = app_person_id())
          OR EXISTS (SELECT 1 FROM "MonitoringDecision" d WHERE d."authorisationId" = p_id AND d."deciderId" = app_person_id()))
$$;

CREATE FUNCTION monitoring_visible(p_id text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT monitoring_row_visible(a.id, a."schoolId", a."requesterId", a."subjectId")
                   FROM "MonitoringAuthorisation" a WHERE a.id = p_id), false)
$$;

-- Whether the person of the transaction may decide it now (the decision row's policy and the service).
CREATE FUNCTION monitoring_may_decide(p_id text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT app_person_id() IS NOT NULL AND EXISTS (
    SELECT 1 FROM "MonitoringAuthorisation" a
    WHERE a.id = p_id AND a."schoolId" = app_school_id()
      AND EXISTS (SELECT 1 FROM monitoring_decider_ids(a."schoolId", a."requesterId", a."subjectId") d WHERE d = app_person_id()))
$$;

-- Its deciders, for the email on request: only for someone who may see it, or an unscoped caller (a job).
CREATE FUNCTION monitoring_deciders_of(p_id text)
RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d FROM "MonitoringAuthorisation" a, monitoring_decider_ids(a."schoolId", a."requesterId", a."subjectId") d
  WHERE a.id = p_id AND (app_person_id() IS NULL OR monitoring_visible(p_id))
  ORDER BY 1
$$;

REVOKE ALL ON FUNCTION monitoring_decider_ids(text, text, text), monitoring_row_visible(text, text, text, text),
  monitoring_visible(text), monitoring_may_decide(text), monitoring_deciders_of(text) FROM PUBLIC;
-- monitoring_decider_ids takes any ids: the app's role reaches it only through the checked helpers.
GRANT EXECUTE ON FUNCTION monitoring_row_visible(text, text, text, text), monitoring_visible(text),
  monitoring_may_decide(text), monitoring_deciders_of(text) TO ict_app;

GRANT SELECT, INSERT, UPDATE ON "MonitoringAuthorisation" TO ict_app;
GRANT SELECT, INSERT ON "MonitoringDecision", "MonitoringOutcome" TO ict_app;
REVOKE DELETE, TRUNCATE ON "MonitoringAuthorisation" FROM ict_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "MonitoringDecision", "MonitoringOutcome" FROM ict_app;

-- ---------- Row-level security ----------

ALTER TABLE "MonitoringAuthorisation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MonitoringAuthorisation" FORCE ROW LEVEL SECURITY;
CREATE POLICY monitoring_select ON "MonitoringAuthorisation" FOR SELECT
  USING (monitoring_row_visible(id, "schoolId", "requesterId", "subjectId"));
CREATE POLICY monitoring_insert ON "MonitoringAuthorisation" FOR INSERT
  WITH CHECK ("schoolId" = app_school_id() AND "requesterId" = app_person_id() AND "subjectId" <> app_person_id());
CREATE POLICY monitoring_update ON "MonitoringAuthorisation" FOR UPDATE
  USING (monitoring_row_visible(id, "schoolId", "requesterId", "subjectId"))
  WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "MonitoringDecision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MonitoringDecision" FORCE ROW LEVEL SECURITY;
CREATE POLICY monitoring_decision_select ON "MonitoringDecision" FOR SELECT USING (monitoring_visible("authorisationId"));
CREATE POLICY monitoring_decision_insert ON "MonitoringDecision" FOR INSERT
  WITH CHECK ("deciderId" = app_person_id() AND monitoring_may_decide("authorisationId"));

ALTER TABLE "MonitoringOutcome" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MonitoringOutcome" FORCE ROW LEVEL SECURITY;
CREATE POLICY monitoring_outcome_select ON "MonitoringOutcome" FOR SELECT USING (monitoring_visible("authorisationId"));
CREATE POLICY monitoring_outcome_insert ON "MonitoringOutcome" FOR INSERT
  WITH CHECK ("recordedById" = app_person_id() AND monitoring_visible("authorisationId"));

-- ---------- Evidence and rules (CHECK constraints crash the schema engine: docs/decisions/0001) ----------

-- What was asked for is evidence: after the request only the status moves (by a decision, the end of the
-- period or the lapse of an undecided request), and never backwards.
CREATE FUNCTION monitoring_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'monitoring authorisations are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'AWAITING' OR NEW."endedAt" IS NOT NULL THEN
      RAISE EXCEPTION 'a monitoring authorisation starts awaiting a decision' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW."requesterId" = NEW."subjectId" THEN
      RAISE EXCEPTION 'nobody asks to monitor themselves' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM "Membership" WHERE "schoolId" = NEW."schoolId" AND "personId" = NEW."subjectId") THEN
      RAISE EXCEPTION 'the subject is a person of the school' USING ERRCODE = 'check_violation';
    END IF;
    IF coalesce(cardinality(NEW.kinds), 0) = 0 OR coalesce(cardinality(NEW.grounds), 0) = 0 THEN
      RAISE EXCEPTION 'what is monitored and on what grounds are both required' USING ERRCODE = 'check_violation';
    END IF;
    IF length(btrim(NEW.necessity)) = 0 OR length(btrim(NEW.alternatives)) = 0 THEN
      RAISE EXCEPTION 'the necessity and proportionality assessment and the less intrusive options are both required' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW."endsOn" < NEW."startsOn" OR NEW."endsOn" - NEW."startsOn" > 29 THEN
      RAISE EXCEPTION 'a monitoring authorisation lasts at most 30 days' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW."schoolId" IS DISTINCT FROM OLD."schoolId" OR NEW."requesterId" IS DISTINCT FROM OLD."requesterId"
    OR NEW."subjectId" IS DISTINCT FROM OLD."subjectId" OR NEW.kinds IS DISTINCT FROM OLD.kinds
    OR NEW.grounds IS DISTINCT FROM OLD.grounds OR NEW.necessity IS DISTINCT FROM OLD.necessity
    OR NEW.alternatives IS DISTINCT FROM OLD.alternatives OR NEW."dpiaReference" IS DISTINCT FROM OLD."dpiaReference"
    OR NEW."startsOn" IS DISTINCT FROM OLD."startsOn" OR NEW."endsOn" IS DISTINCT FROM OLD."endsOn"
    OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    RAISE EXCEPTION 'what was asked for is not changed after it is asked' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status = OLD.status THEN
    IF NEW."endedAt" IS DISTINCT FROM OLD."endedAt" THEN
      RAISE EXCEPTION 'the end of a monitoring authorisation is recorded once' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status = 'AWAITING' AND NEW.status IN ('APPROVED', 'DECLINED') THEN
    IF NOT EXISTS (SELECT 1 FROM "MonitoringDecision" d WHERE d."authorisationId" = NEW.id AND d.decision::text = NEW.status::text) THEN
      RAISE EXCEPTION 'a monitoring authorisation is approved or declined only by its decision' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NOT ((OLD.status = 'AWAITING' AND NEW.status = 'LAPSED') OR (OLD.status = 'APPROVED' AND NEW.status = 'ENDED')) THEN
    RAISE EXCEPTION 'a monitoring authorisation cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IN ('ENDED', 'LAPSED') AND NEW."endedAt" IS NULL THEN
    RAISE EXCEPTION 'the end of a monitoring authorisation is recorded with its time' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER monitoring_rules BEFORE INSERT OR UPDATE OR DELETE ON "MonitoringAuthorisation"
  FOR EACH ROW EXECUTE FUNCTION monitoring_rules();
CREATE TRIGGER monitoring_no_truncate BEFORE TRUNCATE ON "MonitoringAuthorisation"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Only a decider decides, only once, only while it awaits a decision; a refusal gives its reason.
CREATE FUNCTION monitoring_decision_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  a "MonitoringAuthorisation"%ROWTYPE;
BEGIN
  SELECT * INTO a FROM "MonitoringAuthorisation" WHERE id = NEW."authorisationId";
  IF a.status IS DISTINCT FROM 'AWAITING' THEN
    RAISE EXCEPTION 'this monitoring authorisation is not awaiting a decision' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM monitoring_decider_ids(a."schoolId", a."requesterId", a."subjectId") d WHERE d = NEW."deciderId") THEN
    RAISE EXCEPTION 'only the Chair of Governors (or, when the Chair may not, the trust) decides, never the requester or the subject'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.decision = 'DECLINED' AND length(btrim(coalesce(NEW.reason, ''))) = 0 THEN
    RAISE EXCEPTION 'a declined authorisation gives its reason' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.sha256 !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'a decision carries the SHA-256 of what was decided' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER monitoring_decision_rules BEFORE INSERT ON "MonitoringDecision"
  FOR EACH ROW EXECUTE FUNCTION monitoring_decision_rules();
CREATE TRIGGER monitoring_decision_append_only BEFORE UPDATE OR DELETE ON "MonitoringDecision"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER monitoring_decision_no_truncate BEFORE TRUNCATE ON "MonitoringDecision"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION monitoring_outcome_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "MonitoringAuthorisation" WHERE id = NEW."authorisationId" AND status = 'ENDED') THEN
    RAISE EXCEPTION 'the outcome is recorded when the monitoring has ended' USING ERRCODE = 'check_violation';
  END IF;
  IF length(btrim(NEW.found)) = 0 OR length(btrim(NEW."actionTaken")) = 0 THEN
    RAISE EXCEPTION 'the outcome says what was found and what was done' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER monitoring_outcome_rules BEFORE INSERT ON "MonitoringOutcome"
  FOR EACH ROW EXECUTE FUNCTION monitoring_outcome_rules();
CREATE TRIGGER monitoring_outcome_append_only BEFORE UPDATE OR DELETE ON "MonitoringOutcome"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER monitoring_outcome_no_truncate BEFORE TRUNCATE ON "MonitoringOutcome"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
