-- CreateTable
CREATE TABLE "StaffImportMapping" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "columns" JSONB NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffImportMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffImportMapping_schoolId_key" ON "StaffImportMapping"("schoolId");

-- AddForeignKey
ALTER TABLE "StaffImportMapping" ADD CONSTRAINT "StaffImportMapping_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row-level security (docs/decisions/0012, 0021): the mapping is read and written through withScope as
-- ict_app, which sees only the school set for the transaction. The owner's connection is not limited.
GRANT SELECT, INSERT, UPDATE ON "StaffImportMapping" TO ict_app;
ALTER TABLE "StaffImportMapping" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StaffImportMapping" FORCE ROW LEVEL SECURITY;
CREATE POLICY staffimportmapping_school ON "StaffImportMapping" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());
