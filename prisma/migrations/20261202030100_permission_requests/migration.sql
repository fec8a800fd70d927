-- CreateEnum
CREATE TYPE "PermissionRequestStatus" AS ENUM ('SUBMITTED', 'MORE_INFO', 'APPROVED', 'DECLINED', 'ACKNOWLEDGED', 'WITHDRAWN', 'EXPIRED');

-- CreateEnum
CREATE TYPE "PermissionRequestEvent" AS ENUM ('SUBMITTED', 'MORE_INFO_ASKED', 'ANSWERED', 'APPROVED', 'DECLINED', 'ACKNOWLEDGED', 'WITHDRAWN', 'EXPIRED');

-- CreateTable
CREATE TABLE "PermissionRequest" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "approverRoles" "SchoolRole"[],
    "details" JSONB NOT NULL,
    "status" "PermissionRequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "conditions" TEXT,
    "endsOn" DATE,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PermissionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PermissionRequestHistory" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "event" "PermissionRequestEvent" NOT NULL,
    "actorId" TEXT,
    "note" TEXT,
    "conditions" TEXT,
    "endsOn" DATE,
    "requestHash" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PermissionRequestHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PermissionRequest_schoolId_status_kind_idx" ON "PermissionRequest"("schoolId", "status", "kind");

-- CreateIndex
CREATE INDEX "PermissionRequest_schoolId_requesterId_idx" ON "PermissionRequest"("schoolId", "requesterId");

-- CreateIndex
CREATE INDEX "PermissionRequestHistory_schoolId_requestId_at_idx" ON "PermissionRequestHistory"("schoolId", "requestId", "at");

-- AddForeignKey
ALTER TABLE "PermissionRequest" ADD CONSTRAINT "PermissionRequest_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PermissionRequest" ADD CONSTRAINT "PermissionRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PermissionRequestHistory" ADD CONSTRAINT "PermissionRequestHistory_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PermissionRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------- Hand-written: grants, row-level security, evidence and the rules (docs/decisions/0017) ----------

GRANT SELECT, INSERT, UPDATE ON "PermissionRequest" TO ict_app;
GRANT SELECT, INSERT ON "PermissionRequestHistory" TO ict_app;
-- A request is withdrawn or expires, never deleted; its history is evidence.
REVOKE DELETE, TRUNCATE ON "PermissionRequest" FROM ict_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "PermissionRequestHistory" FROM ict_app;

ALTER TABLE "PermissionRequest" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PermissionRequest" FORCE ROW LEVEL SECURITY;
CREATE POLICY permissionrequest_school ON "PermissionRequest" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "PermissionRequestHistory" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PermissionRequestHistory" FORCE ROW LEVEL SECURITY;
CREATE POLICY permissionrequesthistory_school ON "PermissionRequestHistory" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

CREATE TRIGGER permission_request_history_append_only BEFORE UPDATE OR DELETE ON "PermissionRequestHistory"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER permission_request_history_no_truncate BEFORE TRUNCATE ON "PermissionRequestHistory"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Each step is taken by the right person: the requester submits, answers and withdraws; a decision is
-- never the requester's own, and is taken by someone who holds one of the roles stored on the request
-- (an active membership today: incident_holds_route); expiry is the system's. A decline has its reason.
CREATE FUNCTION permission_request_history_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE r RECORD;
BEGIN
  SELECT "schoolId", "requesterId", "approverRoles" INTO r FROM "PermissionRequest" WHERE id = NEW."requestId";
  IF r."schoolId" IS DISTINCT FROM NEW."schoolId" THEN
    RAISE EXCEPTION 'a request''s history belongs to its school' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.event IN ('SUBMITTED', 'ANSWERED', 'WITHDRAWN') AND NEW."actorId" IS DISTINCT FROM r."requesterId" THEN
    RAISE EXCEPTION 'only the requester submits, answers or withdraws a request' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.event IN ('APPROVED', 'DECLINED', 'MORE_INFO_ASKED', 'ACKNOWLEDGED') THEN
    IF NEW."actorId" IS NULL OR NEW."actorId" = r."requesterId" THEN
      RAISE EXCEPTION 'nobody decides their own request' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT incident_holds_route(NEW."schoolId", NEW."actorId", r."approverRoles", '{}') THEN
      RAISE EXCEPTION 'this person may not decide this request' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.event = 'EXPIRED' AND NEW."actorId" IS NOT NULL THEN
    RAISE EXCEPTION 'a request expires on its own' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.event IN ('DECLINED', 'MORE_INFO_ASKED') AND coalesce(btrim(NEW.note), '') = '' THEN
    RAISE EXCEPTION 'a decline or a question needs its words' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."requestHash" !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'the request hash is a SHA-256' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER permission_request_history_rules BEFORE INSERT ON "PermissionRequestHistory"
  FOR EACH ROW EXECUTE FUNCTION permission_request_history_rules();

-- The request row: whose it is, its school and kind never change; the decider is never the requester;
-- a decline has its reason; once decided (or withdrawn, or expired) what was asked is fixed.
CREATE FUNCTION permission_request_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."decidedById" IS NOT NULL AND NEW."decidedById" = NEW."requesterId" THEN
    RAISE EXCEPTION 'nobody decides their own request' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'DECLINED' AND coalesce(btrim(NEW.reason), '') = '' THEN
    RAISE EXCEPTION 'a declined request needs its reason' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW."schoolId" <> OLD."schoolId" OR NEW."requesterId" <> OLD."requesterId" OR NEW.kind <> OLD.kind THEN
      RAISE EXCEPTION 'a request''s school, requester and kind are fixed' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status NOT IN ('SUBMITTED', 'MORE_INFO')
       AND (NEW.details IS DISTINCT FROM OLD.details OR NEW."approverRoles" IS DISTINCT FROM OLD."approverRoles") THEN
      RAISE EXCEPTION 'a decided request cannot be changed' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER permission_request_rules BEFORE INSERT OR UPDATE ON "PermissionRequest"
  FOR EACH ROW EXECUTE FUNCTION permission_request_rules();
