-- CreateTable
CREATE TABLE "SealJob" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "declarationId" TEXT NOT NULL,
    "part" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SealJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SealedDocument" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "declarationId" TEXT NOT NULL,
    "part" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "certificateSha256" TEXT NOT NULL,
    "selfSigned" BOOLEAN NOT NULL,
    "sealedAt" TIMESTAMPTZ(3) NOT NULL,
    "signerName" TEXT NOT NULL,
    "policyTitle" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "schoolName" TEXT NOT NULL,

    CONSTRAINT "SealedDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerifyAttempt" (
    "id" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerifyAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SealJob_reference_key" ON "SealJob"("reference");

-- CreateIndex
CREATE INDEX "SealJob_doneAt_createdAt_idx" ON "SealJob"("doneAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SealJob_declarationId_part_key" ON "SealJob"("declarationId", "part");

-- CreateIndex
CREATE UNIQUE INDEX "SealedDocument_reference_key" ON "SealedDocument"("reference");

-- CreateIndex
CREATE INDEX "SealedDocument_sha256_idx" ON "SealedDocument"("sha256");

-- CreateIndex
CREATE INDEX "SealedDocument_schoolId_idx" ON "SealedDocument"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "SealedDocument_declarationId_part_key" ON "SealedDocument"("declarationId", "part");

-- CreateIndex
CREATE INDEX "VerifyAttempt_ip_at_idx" ON "VerifyAttempt"("ip", "at");

-- Hand-written (docs/decisions/0013-sealed-pdfs.md). A sealed PDF is evidence: once stored, its bytes
-- never change and it is never removed, so every download is the same file.
CREATE TRIGGER sealed_document_append_only BEFORE UPDATE OR DELETE ON "SealedDocument"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER sealed_document_no_truncate BEFORE TRUNCATE ON "SealedDocument"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- CHECK constraints crash Prisma 6.19's JS schema engine (docs/decisions/0001), so these rules are triggers.
CREATE FUNCTION seal_part_valid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.part NOT IN (1, 2) THEN
    RAISE EXCEPTION 'a declaration PDF is part 1 or part 2' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER seal_job_part BEFORE INSERT OR UPDATE ON "SealJob"
  FOR EACH ROW EXECUTE FUNCTION seal_part_valid();
CREATE TRIGGER sealed_document_part BEFORE INSERT ON "SealedDocument"
  FOR EACH ROW EXECUTE FUNCTION seal_part_valid();

-- Tenant isolation from the first migration (docs/decisions/0012): the seal worker and /verify work
-- across schools on the owner's connection; as ict_app a transaction sees only its own school's rows.
ALTER TABLE "SealJob" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SealJob" FORCE ROW LEVEL SECURITY;
CREATE POLICY sealjob_school ON "SealJob" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "SealedDocument" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SealedDocument" FORCE ROW LEVEL SECURITY;
CREATE POLICY sealeddocument_school ON "SealedDocument" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

