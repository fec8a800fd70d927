-- CreateEnum
CREATE TYPE "FilteringTarget" AS ENUM ('WEBSITE', 'CATEGORY');

-- CreateEnum
CREATE TYPE "FilteringDirection" AS ENUM ('ALLOW', 'BLOCK');

-- CreateEnum
CREATE TYPE "FilteringStatus" AS ENUM ('REQUESTED', 'AUTHORISED', 'REFUSED', 'MADE', 'CONFIRMED', 'REVERT_DUE', 'REVERTED');

-- CreateEnum
CREATE TYPE "FilteringStepKind" AS ENUM ('REQUESTED', 'AUTHORISED', 'REFUSED', 'MADE', 'CONFIRMED', 'REVIEW_KEEP', 'REVIEW_REVERT', 'REVERTED');

-- CreateEnum
CREATE TYPE "FilteringCheckResult" AS ENUM ('PASS', 'FAIL');

-- CreateTable
CREATE TABLE "FilteringChange" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "targetKind" "FilteringTarget" NOT NULL,
    "target" TEXT NOT NULL,
    "direction" "FilteringDirection" NOT NULL,
    "temporary" BOOLEAN NOT NULL,
    "endsOn" DATE,
    "reason" TEXT NOT NULL,
    "reviewOn" DATE NOT NULL,
    "status" "FilteringStatus" NOT NULL DEFAULT 'REQUESTED',
    "requestedById" TEXT NOT NULL,
    "authorisedById" TEXT,
    "madeById" TEXT,
    "madeByName" TEXT,
    "madeByCompany" TEXT,
    "madeOn" DATE,
    "confirmedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FilteringChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FilteringChangeStep" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "kind" "FilteringStepKind" NOT NULL,
    "actorId" TEXT NOT NULL,
    "note" TEXT,
    "snapshot" JSONB NOT NULL,
    "snapshotHash" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FilteringChangeStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FilteringCheck" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "checkedOn" DATE NOT NULL,
    "checkedById" TEXT NOT NULL,
    "tested" TEXT NOT NULL,
    "device" TEXT NOT NULL,
    "userGroup" TEXT NOT NULL,
    "result" "FilteringCheckResult" NOT NULL,
    "notes" TEXT,
    "nextCheckDue" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FilteringCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FilteringResponsibility" (
    "schoolId" TEXT NOT NULL,
    "seniorLeaderId" TEXT NOT NULL,
    "governorId" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FilteringResponsibility_pkey" PRIMARY KEY ("schoolId")
);

-- CreateTable
CREATE TABLE "FilteringAnnualReview" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "reviewedOn" DATE NOT NULL,
    "participants" JSONB NOT NULL,
    "findings" TEXT NOT NULL,
    "actions" JSONB NOT NULL,
    "nextReviewOn" DATE NOT NULL,
    "recordedById" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FilteringAnnualReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FilteringChange_schoolId_status_idx" ON "FilteringChange"("schoolId", "status");

-- CreateIndex
CREATE INDEX "FilteringChange_schoolId_reviewOn_idx" ON "FilteringChange"("schoolId", "reviewOn");

-- CreateIndex
CREATE INDEX "FilteringChange_schoolId_createdAt_idx" ON "FilteringChange"("schoolId", "createdAt");

-- CreateIndex
CREATE INDEX "FilteringChangeStep_changeId_at_idx" ON "FilteringChangeStep"("changeId", "at");

-- CreateIndex
CREATE INDEX "FilteringChangeStep_schoolId_at_idx" ON "FilteringChangeStep"("schoolId", "at");

-- CreateIndex
CREATE INDEX "FilteringCheck_schoolId_checkedOn_idx" ON "FilteringCheck"("schoolId", "checkedOn");

-- CreateIndex
CREATE INDEX "FilteringAnnualReview_schoolId_reviewedOn_idx" ON "FilteringAnnualReview"("schoolId", "reviewedOn");

-- AddForeignKey
ALTER TABLE "FilteringChange" ADD CONSTRAINT "FilteringChange_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FilteringChangeStep" ADD CONSTRAINT "FilteringChangeStep_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FilteringChangeStep" ADD CONSTRAINT "FilteringChangeStep_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "FilteringChange"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FilteringCheck" ADD CONSTRAINT "FilteringCheck_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FilteringResponsibility" ADD CONSTRAINT "FilteringResponsibility_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FilteringAnnualReview" ADD CONSTRAINT "FilteringAnnualReview_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ======================================================================================================
-- Filtering and monitoring (docs/decisions/0018-filtering.md): tenant isolation, the three-people rule
-- and append-only evidence, whoever writes. The app does this work inside lib/db/scope.ts as ict_app with
-- app.school_id set; ict_app, its default grants, app_school_id() and refuse_change() come from earlier
-- migrations. (CHECK constraints crash the schema engine, docs/decisions/0001: the rules are triggers.)
-- ======================================================================================================

GRANT SELECT, INSERT, UPDATE ON "FilteringChange", "FilteringResponsibility" TO ict_app;
GRANT SELECT, INSERT ON "FilteringChangeStep", "FilteringCheck", "FilteringAnnualReview" TO ict_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "FilteringChangeStep", "FilteringCheck", "FilteringAnnualReview" FROM ict_app;
REVOKE DELETE, TRUNCATE ON "FilteringChange", "FilteringResponsibility" FROM ict_app;

ALTER TABLE "FilteringChange" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FilteringChange" FORCE ROW LEVEL SECURITY;
CREATE POLICY filteringchange_school ON "FilteringChange" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "FilteringChangeStep" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FilteringChangeStep" FORCE ROW LEVEL SECURITY;
CREATE POLICY filteringchangestep_school ON "FilteringChangeStep" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "FilteringCheck" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FilteringCheck" FORCE ROW LEVEL SECURITY;
CREATE POLICY filteringcheck_school ON "FilteringCheck" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "FilteringResponsibility" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FilteringResponsibility" FORCE ROW LEVEL SECURITY;
CREATE POLICY filteringresponsibility_school ON "FilteringResponsibility" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "FilteringAnnualReview" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FilteringAnnualReview" FORCE ROW LEVEL SECURITY;
CREATE POLICY filteringannualreview_school ON "FilteringAnnualReview" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

-- Evidence: each step, each check and each annual review stays as it was recorded.
CREATE TRIGGER filtering_change_step_append_only BEFORE UPDATE OR DELETE ON "FilteringChangeStep"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER filtering_change_step_no_truncate BEFORE TRUNCATE ON "FilteringChangeStep"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER filtering_check_append_only BEFORE UPDATE OR DELETE ON "FilteringCheck"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER filtering_check_no_truncate BEFORE TRUNCATE ON "FilteringCheck"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER filtering_annual_review_append_only BEFORE UPDATE OR DELETE ON "FilteringAnnualReview"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER filtering_annual_review_no_truncate BEFORE TRUNCATE ON "FilteringAnnualReview"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Seed 004 and the DfE standards: the person who asks, the one who authorises and the DSL who confirms
-- are three different people (and the DSL does not confirm a change they made themselves). Who took a
-- step, and what was asked for, never changes afterwards; the status moves only forwards.
CREATE FUNCTION filtering_change_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW."authorisedById" = NEW."requestedById" THEN
    RAISE EXCEPTION 'the person who requested a filtering change cannot authorise it' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."confirmedById" IN (NEW."requestedById", NEW."authorisedById") OR NEW."confirmedById" = NEW."madeById" THEN
    RAISE EXCEPTION 'a filtering change is confirmed by someone who did not request, authorise or make it' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.temporary AND NEW."endsOn" IS NULL THEN
    RAISE EXCEPTION 'a temporary filtering change has an end date' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status NOT IN ('REQUESTED', 'REFUSED') AND NEW."authorisedById" IS NULL THEN
    RAISE EXCEPTION 'a filtering change is authorised before it goes further' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IN ('MADE', 'CONFIRMED', 'REVERT_DUE', 'REVERTED') AND NEW."madeById" IS NULL AND NEW."madeByName" IS NULL THEN
    RAISE EXCEPTION 'a filtering change that was made records who made it' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IN ('CONFIRMED', 'REVERT_DUE', 'REVERTED') AND NEW."confirmedById" IS NULL THEN
    RAISE EXCEPTION 'a confirmed filtering change records the DSL who confirmed it' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW."schoolId" IS DISTINCT FROM OLD."schoolId" OR NEW."targetKind" IS DISTINCT FROM OLD."targetKind"
        OR NEW.target IS DISTINCT FROM OLD.target OR NEW.direction IS DISTINCT FROM OLD.direction
        OR NEW.temporary IS DISTINCT FROM OLD.temporary OR NEW."endsOn" IS DISTINCT FROM OLD."endsOn"
        OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW."requestedById" IS DISTINCT FROM OLD."requestedById"
        OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
        OR (OLD."authorisedById" IS NOT NULL AND NEW."authorisedById" IS DISTINCT FROM OLD."authorisedById")
        OR (OLD."confirmedById" IS NOT NULL AND NEW."confirmedById" IS DISTINCT FROM OLD."confirmedById")
        OR (OLD.status NOT IN ('REQUESTED', 'AUTHORISED') AND (NEW."madeById" IS DISTINCT FROM OLD."madeById"
            OR NEW."madeByName" IS DISTINCT FROM OLD."madeByName" OR NEW."madeByCompany" IS DISTINCT FROM OLD."madeByCompany"
            OR NEW."madeOn" IS DISTINCT FROM OLD."madeOn")) THEN
      RAISE EXCEPTION 'what was asked for, and who took each step, is not changed afterwards' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
         (OLD.status = 'REQUESTED' AND NEW.status IN ('AUTHORISED', 'REFUSED'))
      OR (OLD.status = 'AUTHORISED' AND NEW.status = 'MADE')
      OR (OLD.status = 'MADE' AND NEW.status = 'CONFIRMED')
      OR (OLD.status = 'CONFIRMED' AND NEW.status IN ('REVERT_DUE', 'REVERTED'))
      OR (OLD.status = 'REVERT_DUE' AND NEW.status = 'REVERTED')) THEN
      RAISE EXCEPTION 'a filtering change cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER filtering_change_rules BEFORE INSERT OR UPDATE ON "FilteringChange"
  FOR EACH ROW EXECUTE FUNCTION filtering_change_rules();

-- A step belongs to a change of its own school.
CREATE FUNCTION filtering_step_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "FilteringChange" WHERE id = NEW."changeId" AND "schoolId" = NEW."schoolId") THEN
    RAISE EXCEPTION 'a step belongs to a filtering change of its own school' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER filtering_step_rules BEFORE INSERT ON "FilteringChangeStep"
  FOR EACH ROW EXECUTE FUNCTION filtering_step_rules();
