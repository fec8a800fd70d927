-- CreateEnum
CREATE TYPE "AssetKind" AS ENUM ('LAPTOP', 'TABLET', 'CAMERA', 'MEMORY_STICK', 'MOBILE_PHONE', 'RECORDING', 'OTHER');

-- CreateEnum
CREATE TYPE "AssetStatus" AS ENUM ('AVAILABLE', 'AWAITING_SIGNATURE', 'ON_LOAN', 'IN_FOR_CHECK', 'LOST', 'STOLEN', 'RETIRED');

-- CreateEnum
CREATE TYPE "LoanItemStatus" AS ENUM ('AWAITING_SIGNATURE', 'ON_LOAN', 'RETURNED', 'LOST');

-- CreateEnum
CREATE TYPE "ReceiptKind" AS ENUM ('ISSUE', 'RETURN');

-- CreateEnum
CREATE TYPE "LossKind" AS ENUM ('LOST', 'STOLEN');

-- CreateEnum
CREATE TYPE "ChargeStatus" AS ENUM ('NONE', 'OWED', 'PAID', 'WAIVED');

-- CreateTable
CREATE TABLE "EquipmentSettings" (
    "schoolId" TEXT NOT NULL,
    "replacementChargePence" INTEGER NOT NULL DEFAULT 2500,
    "conditions" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EquipmentSettings_pkey" PRIMARY KEY ("schoolId")
);

-- CreateTable
CREATE TABLE "Asset" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "kind" "AssetKind" NOT NULL,
    "make" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "serialNumber" TEXT,
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "personalData" BOOLEAN NOT NULL DEFAULT false,
    "status" "AssetStatus" NOT NULL DEFAULT 'AVAILABLE',
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Asset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Loan" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "borrowerId" TEXT NOT NULL,
    "issuedById" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Loan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoanItem" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "status" "LoanItemStatus" NOT NULL DEFAULT 'AWAITING_SIGNATURE',
    "conditions" TEXT NOT NULL,
    "dueBack" DATE,
    "mayLeaveSite" BOOLEAN NOT NULL DEFAULT false,
    "offSiteAgreedById" TEXT,
    "offSiteReason" TEXT,
    "returnId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LoanItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoanReceipt" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "kind" "ReceiptKind" NOT NULL,
    "returnId" TEXT,
    "contentHash" TEXT NOT NULL,
    "wording" TEXT NOT NULL,
    "typedName" TEXT NOT NULL,
    "signaturePng" BYTEA,
    "inPerson" BOOLEAN NOT NULL DEFAULT false,
    "witnessId" TEXT,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "authMethod" TEXT NOT NULL,

    CONSTRAINT "LoanReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EquipmentReturn" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "receivedById" TEXT NOT NULL,
    "returnedOn" DATE NOT NULL,
    "condition" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EquipmentReturn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssetLoss" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "loanItemId" TEXT,
    "kind" "LossKind" NOT NULL,
    "reportedById" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "place" TEXT NOT NULL,
    "wasEncrypted" BOOLEAN NOT NULL,
    "contents" TEXT NOT NULL,
    "chargePence" INTEGER NOT NULL,
    "chargeStatus" "ChargeStatus" NOT NULL,
    "chargeSettledById" TEXT,
    "chargeSettledAt" TIMESTAMPTZ(3),
    "chargeNote" TEXT,
    "incidentId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetLoss_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EquipmentCheck" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "doneById" TEXT NOT NULL,
    "doneAt" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,

    CONSTRAINT "EquipmentCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolTerm" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "halfTermStart" DATE,
    "halfTermEnd" DATE,

    CONSTRAINT "SchoolTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExitChecklist" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "idPassReturned" BOOLEAN NOT NULL DEFAULT false,
    "accessFobReturned" BOOLEAN NOT NULL DEFAULT false,
    "completedAt" TIMESTAMPTZ(3),
    "completedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ExitChecklist_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Asset_schoolId_kind_status_idx" ON "Asset"("schoolId", "kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Asset_schoolId_tag_key" ON "Asset"("schoolId", "tag");

-- CreateIndex
CREATE INDEX "Loan_schoolId_borrowerId_idx" ON "Loan"("schoolId", "borrowerId");

-- CreateIndex
CREATE INDEX "Loan_borrowerId_idx" ON "Loan"("borrowerId");

-- CreateIndex
CREATE INDEX "LoanItem_schoolId_status_idx" ON "LoanItem"("schoolId", "status");

-- CreateIndex
CREATE INDEX "LoanItem_schoolId_assetId_idx" ON "LoanItem"("schoolId", "assetId");

-- CreateIndex
CREATE INDEX "LoanItem_loanId_idx" ON "LoanItem"("loanId");

-- CreateIndex
CREATE INDEX "LoanReceipt_schoolId_signedAt_idx" ON "LoanReceipt"("schoolId", "signedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LoanReceipt_loanId_kind_returnId_key" ON "LoanReceipt"("loanId", "kind", "returnId");

-- CreateIndex
CREATE INDEX "EquipmentReturn_schoolId_loanId_idx" ON "EquipmentReturn"("schoolId", "loanId");

-- CreateIndex
CREATE UNIQUE INDEX "AssetLoss_incidentId_key" ON "AssetLoss"("incidentId");

-- CreateIndex
CREATE INDEX "AssetLoss_schoolId_createdAt_idx" ON "AssetLoss"("schoolId", "createdAt");

-- CreateIndex
CREATE INDEX "EquipmentCheck_schoolId_assetId_check_doneAt_idx" ON "EquipmentCheck"("schoolId", "assetId", "check", "doneAt");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolTerm_schoolId_startDate_key" ON "SchoolTerm"("schoolId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "ExitChecklist_schoolId_membershipId_key" ON "ExitChecklist"("schoolId", "membershipId");

-- AddForeignKey
ALTER TABLE "EquipmentSettings" ADD CONSTRAINT "EquipmentSettings_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_borrowerId_fkey" FOREIGN KEY ("borrowerId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanItem" ADD CONSTRAINT "LoanItem_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanItem" ADD CONSTRAINT "LoanItem_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanItem" ADD CONSTRAINT "LoanItem_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanItem" ADD CONSTRAINT "LoanItem_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "EquipmentReturn"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanReceipt" ADD CONSTRAINT "LoanReceipt_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanReceipt" ADD CONSTRAINT "LoanReceipt_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoanReceipt" ADD CONSTRAINT "LoanReceipt_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "EquipmentReturn"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentReturn" ADD CONSTRAINT "EquipmentReturn_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentReturn" ADD CONSTRAINT "EquipmentReturn_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetLoss" ADD CONSTRAINT "AssetLoss_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetLoss" ADD CONSTRAINT "AssetLoss_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetLoss" ADD CONSTRAINT "AssetLoss_loanItemId_fkey" FOREIGN KEY ("loanItemId") REFERENCES "LoanItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetLoss" ADD CONSTRAINT "AssetLoss_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentCheck" ADD CONSTRAINT "EquipmentCheck_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentCheck" ADD CONSTRAINT "EquipmentCheck_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolTerm" ADD CONSTRAINT "SchoolTerm_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExitChecklist" ADD CONSTRAINT "ExitChecklist_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ======================================================================================================
-- Equipment: tenant isolation, evidence and the rules the register must never break
-- (docs/decisions/0014-equipment.md). The app does equipment work inside lib/db/scope.ts (SET LOCAL ROLE
-- ict_app, app.school_id and app.person_id for the transaction); the policies below keep every row to
-- the school of the transaction. The ict_app role, its default grants and app_school_id() come from the
-- incidents migration.
-- ======================================================================================================

GRANT SELECT, INSERT, UPDATE, DELETE ON "EquipmentSettings", "Asset", "Loan", "LoanItem", "AssetLoss", "SchoolTerm", "ExitChecklist" TO ict_app;
GRANT SELECT, INSERT ON "LoanReceipt", "EquipmentReturn", "EquipmentCheck" TO ict_app;
-- Evidence is append-only for the app's role as well as by trigger; assets and loans are never deleted.
REVOKE UPDATE, DELETE, TRUNCATE ON "LoanReceipt", "EquipmentReturn", "EquipmentCheck" FROM ict_app;
REVOKE DELETE, TRUNCATE ON "Loan", "LoanItem", "AssetLoss" FROM ict_app;

ALTER TABLE "EquipmentSettings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EquipmentSettings" FORCE ROW LEVEL SECURITY;
CREATE POLICY equipmentsettings_school ON "EquipmentSettings" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "Asset" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Asset" FORCE ROW LEVEL SECURITY;
CREATE POLICY asset_school ON "Asset" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "Loan" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Loan" FORCE ROW LEVEL SECURITY;
CREATE POLICY loan_school ON "Loan" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "LoanItem" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LoanItem" FORCE ROW LEVEL SECURITY;
CREATE POLICY loanitem_school ON "LoanItem" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "LoanReceipt" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LoanReceipt" FORCE ROW LEVEL SECURITY;
CREATE POLICY loanreceipt_school ON "LoanReceipt" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "EquipmentReturn" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EquipmentReturn" FORCE ROW LEVEL SECURITY;
CREATE POLICY equipmentreturn_school ON "EquipmentReturn" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "AssetLoss" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AssetLoss" FORCE ROW LEVEL SECURITY;
CREATE POLICY assetloss_school ON "AssetLoss" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "EquipmentCheck" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EquipmentCheck" FORCE ROW LEVEL SECURITY;
CREATE POLICY equipmentcheck_school ON "EquipmentCheck" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "SchoolTerm" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SchoolTerm" FORCE ROW LEVEL SECURITY;
CREATE POLICY schoolterm_school ON "SchoolTerm" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

ALTER TABLE "ExitChecklist" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ExitChecklist" FORCE ROW LEVEL SECURITY;
CREATE POLICY exitchecklist_school ON "ExitChecklist" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

-- ---------- Evidence ----------
CREATE TRIGGER loan_receipt_append_only BEFORE UPDATE OR DELETE ON "LoanReceipt"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER loan_receipt_no_truncate BEFORE TRUNCATE ON "LoanReceipt"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER equipment_return_append_only BEFORE UPDATE OR DELETE ON "EquipmentReturn"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER equipment_return_no_truncate BEFORE TRUNCATE ON "EquipmentReturn"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER equipment_check_append_only BEFORE UPDATE OR DELETE ON "EquipmentCheck"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER equipment_check_no_truncate BEFORE TRUNCATE ON "EquipmentCheck"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- ---------- Rules (CHECK constraints crash the schema engine: docs/decisions/0001) ----------

-- Seeds 000/001/003: a memory stick leaves the office only if the school issued it encrypted.
-- An asset is on one open loan at a time: issuing locks the asset row (FOR UPDATE in the service), and
-- this trigger refuses a second open item for it whoever inserts it.
CREATE FUNCTION loan_item_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE a RECORD;
BEGIN
  SELECT kind, encrypted, "schoolId" INTO a FROM "Asset" WHERE id = NEW."assetId" FOR UPDATE;
  IF a."schoolId" IS DISTINCT FROM NEW."schoolId" THEN
    RAISE EXCEPTION 'an asset is lent only by its own school' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF a.kind = 'MEMORY_STICK' AND NOT a.encrypted THEN
      RAISE EXCEPTION 'a memory stick is issued only if it is encrypted' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM "LoanItem" WHERE "assetId" = NEW."assetId" AND id <> NEW.id
               AND status IN ('AWAITING_SIGNATURE', 'ON_LOAN')) THEN
      RAISE EXCEPTION 'this asset is already on loan' USING ERRCODE = 'unique_violation';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW."loanId" IS DISTINCT FROM OLD."loanId" OR NEW."assetId" IS DISTINCT FROM OLD."assetId"
      OR NEW.conditions IS DISTINCT FROM OLD.conditions OR NEW."schoolId" IS DISTINCT FROM OLD."schoolId") THEN
    RAISE EXCEPTION 'what was lent, and on what conditions, is not changed after it is issued' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status IN ('RETURNED', 'LOST') AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'a returned or lost item stays so' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER loan_item_rules BEFORE INSERT OR UPDATE ON "LoanItem"
  FOR EACH ROW EXECUTE FUNCTION loan_item_rules();

-- An asset with a loan is retired, never deleted.
CREATE FUNCTION asset_no_delete_when_lent() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "LoanItem" WHERE "assetId" = OLD.id) THEN
    RAISE EXCEPTION 'an asset that has been lent is retired, not deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER asset_no_delete_when_lent BEFORE DELETE ON "Asset"
  FOR EACH ROW EXECUTE FUNCTION asset_no_delete_when_lent();

-- A charge, once owed, is settled (paid or waived) by someone, with a reason for a waiver; the facts of
-- the loss are not rewritten.
CREATE FUNCTION asset_loss_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW."chargePence" < 0 THEN
    RAISE EXCEPTION 'a charge cannot be negative' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."chargeStatus" IN ('PAID', 'WAIVED') AND (NEW."chargeSettledById" IS NULL OR NEW."chargeSettledAt" IS NULL) THEN
    RAISE EXCEPTION 'a settled charge records who settled it and when' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."chargeStatus" = 'WAIVED' AND coalesce(btrim(NEW."chargeNote"), '') = '' THEN
    RAISE EXCEPTION 'a waived charge records why' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW."assetId" IS DISTINCT FROM OLD."assetId" OR NEW."loanItemId" IS DISTINCT FROM OLD."loanItemId"
      OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW."reportedById" IS DISTINCT FROM OLD."reportedById"
      OR NEW."occurredAt" IS DISTINCT FROM OLD."occurredAt" OR NEW.place IS DISTINCT FROM OLD.place
      OR NEW."wasEncrypted" IS DISTINCT FROM OLD."wasEncrypted" OR NEW.contents IS DISTINCT FROM OLD.contents
      OR NEW."chargePence" IS DISTINCT FROM OLD."chargePence" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
      OR (OLD."incidentId" IS NOT NULL AND NEW."incidentId" IS DISTINCT FROM OLD."incidentId")
      OR (OLD."chargeStatus" IN ('PAID', 'WAIVED') AND NEW."chargeStatus" IS DISTINCT FROM OLD."chargeStatus")) THEN
    RAISE EXCEPTION 'what was reported lost, and a settled charge, are not changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER asset_loss_rules BEFORE INSERT OR UPDATE ON "AssetLoss"
  FOR EACH ROW EXECUTE FUNCTION asset_loss_rules();
