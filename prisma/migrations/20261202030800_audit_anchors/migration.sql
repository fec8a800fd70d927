-- CreateTable
CREATE TABLE "AuditAnchor" (
    "id" BIGSERIAL NOT NULL,
    "chain" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "schoolId" TEXT,
    "organisationId" TEXT,
    "anchoredAt" TIMESTAMPTZ(3) NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditAnchor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditAnchor_schoolId_anchoredAt_idx" ON "AuditAnchor"("schoolId", "anchoredAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditAnchor_chain_seq_key" ON "AuditAnchor"("chain", "seq");


-- ---------- Hand-written: rules Prisma cannot express (docs/decisions/0024-anchored-audit-chains.md) ----------

-- An anchor is evidence: once signed and published it never changes and is never removed.
CREATE TRIGGER audit_anchor_append_only BEFORE UPDATE OR DELETE ON "AuditAnchor"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON "AuditAnchor"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A school chain's anchor belongs to that school (the chain of a school is its id), and names an event.
-- A trigger, not CHECKs: the JS schema engine crashes diffing CHECK constraints (decision 0001).
CREATE FUNCTION audit_anchor_valid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."schoolId" IS NOT NULL AND NEW."schoolId" <> NEW.chain THEN
    RAISE EXCEPTION 'an audit anchor of school % must be on its chain, not %', NEW."schoolId", NEW.chain USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.seq < 1 THEN
    RAISE EXCEPTION 'an audit anchor names an event (seq 1 or more)' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_anchor_valid BEFORE INSERT ON "AuditAnchor"
  FOR EACH ROW EXECUTE FUNCTION audit_anchor_valid();

-- The app's role may read and add anchors, never change them (so it cannot switch the triggers off either:
-- it owns nothing).
GRANT SELECT, INSERT ON "AuditAnchor" TO ict_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditAnchor" FROM ict_app;
GRANT USAGE, SELECT ON SEQUENCE "AuditAnchor_id_seq" TO ict_app;

-- Tenant isolation from the first migration: as ict_app a transaction sees only its own school's anchors;
-- organisation and platform chains (no schoolId) are read by the jobs and audit:verify on the owner's
-- connection, as their events are.
ALTER TABLE "AuditAnchor" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditAnchor" FORCE ROW LEVEL SECURITY;
CREATE POLICY auditanchor_school ON "AuditAnchor" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());
