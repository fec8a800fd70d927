-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "firstReminderDays" INTEGER NOT NULL DEFAULT 7;

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "runDate" DATE NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "error" TEXT,
    "result" JSONB,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_name_runDate_key" ON "JobRun"("name", "runDate");

-- ---------- Hand-written: rules Prisma cannot express (CHECK constraints crash its JS schema engine) ----------

-- A reminder row is the school's evidence that it chased a signature: append-only, like declarations.
CREATE TRIGGER policy_reminder_append_only BEFORE UPDATE OR DELETE ON "PolicyReminder"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER policy_reminder_no_truncate BEFORE TRUNCATE ON "PolicyReminder"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION policy_day_ranges() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."dueDays" < 0 OR NEW."dueDays" > 365 THEN
    RAISE EXCEPTION 'dueDays must be between 0 and 365' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."firstReminderDays" < 1 OR NEW."firstReminderDays" > 365 THEN
    RAISE EXCEPTION 'firstReminderDays must be between 1 and 365' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER policy_day_ranges BEFORE INSERT OR UPDATE ON "Policy"
  FOR EACH ROW EXECUTE FUNCTION policy_day_ranges();

-- A declaration is evidence about one exact published text: whoever inserts it (app, seed, a script),
-- the version must be published and the hash recorded must be that version's hash.
CREATE FUNCTION declaration_matches_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v RECORD;
BEGIN
  SELECT status, "contentHash" INTO v FROM "PolicyVersion" WHERE id = NEW."policyVersionId";
  IF NOT FOUND OR v.status <> 'PUBLISHED' THEN
    RAISE EXCEPTION 'a declaration can only be made for a published policy version' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."contentHash" IS DISTINCT FROM v."contentHash" THEN
    RAISE EXCEPTION 'declaration content hash does not match policy version %', NEW."policyVersionId" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER declaration_matches_version BEFORE INSERT ON "Declaration"
  FOR EACH ROW EXECUTE FUNCTION declaration_matches_version();
