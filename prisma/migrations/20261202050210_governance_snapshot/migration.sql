-- CreateTable
CREATE TABLE "GovernanceSnapshot" (
    "schoolId" TEXT NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "day" DATE NOT NULL,
    "stamp" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GovernanceSnapshot_pkey" PRIMARY KEY ("schoolId","periodFrom","periodTo")
);

-- AddForeignKey
ALTER TABLE "GovernanceSnapshot" ADD CONSTRAINT "GovernanceSnapshot_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A tenant table like the others (docs/decisions/0029): each school's rows in its own scope, and read (never
-- written) across an organisation's schools in the organisation's scope. Counts only, and only those every
-- reader sees alike: no incident or monitoring count lives here. Not evidence: a row is overwritten
-- whenever its school's counts are made again. ict_app has its grants by default privileges (20261202001108).
ALTER TABLE "GovernanceSnapshot" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "GovernanceSnapshot" FORCE ROW LEVEL SECURITY;
CREATE POLICY governancesnapshot_school ON "GovernanceSnapshot" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());
CREATE POLICY governancesnapshot_organisation ON "GovernanceSnapshot" FOR SELECT
  USING (app_school_id() IS NULL AND "schoolId" = ANY (app_organisation_school_ids()));
