-- AlterTable
ALTER TABLE "AuthSession" ADD COLUMN     "mfaMethod" TEXT,
ADD COLUMN     "mfaPending" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "mfaRequired" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "MfaEnrolment" (
    "personId" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "lastTimeStep" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MfaEnrolment_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "MfaRecoveryCode" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MfaRecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MfaRecoveryCode_codeHash_key" ON "MfaRecoveryCode"("codeHash");

-- CreateIndex
CREATE INDEX "MfaRecoveryCode_personId_idx" ON "MfaRecoveryCode"("personId");

-- AddForeignKey
ALTER TABLE "MfaEnrolment" ADD CONSTRAINT "MfaEnrolment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MfaRecoveryCode" ADD CONSTRAINT "MfaRecoveryCode_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Organisations that exist already are switched on too (the column's default fills them): the DfE
-- standard asks for MFA on accounts with access to sensitive data, and there is no reason to wait.
-- A senior account signs in once more and is sent to set up an authenticator first.

-- MfaEnrolment and MfaRecoveryCode belong to a person, not a school (no schoolId): like AuthSession they
-- are read by the sign-in path only, so they carry no row-level security policy. The app role's grants
-- come from the default privileges set in 20261202001108_incidents.

-- A used recovery code stays used.
CREATE FUNCTION mfa_recovery_code_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."usedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'a used recovery code cannot be changed' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."codeHash" <> OLD."codeHash" OR NEW."personId" <> OLD."personId" THEN
    RAISE EXCEPTION 'a recovery code cannot be rewritten' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER mfa_recovery_code_once BEFORE UPDATE ON "MfaRecoveryCode" FOR EACH ROW EXECUTE FUNCTION mfa_recovery_code_once();
