-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "chain" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3) NOT NULL,
    "fullVerifiedAt" TIMESTAMPTZ(3),
    "brokenSeq" INTEGER,
    "brokenReason" TEXT,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("chain")
);

-- CreateIndex
CREATE INDEX "AuditEvent_schoolId_id_idx" ON "AuditEvent"("schoolId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_schoolId_action_id_idx" ON "AuditEvent"("schoolId", "action", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_schoolId_actorId_id_idx" ON "AuditEvent"("schoolId", "actorId", "id");


-- ---------- Hand-written: rules Prisma cannot express ----------

-- A checkpoint only moves forward: going back would hide nothing (the events are still there and a full
-- check reads them all), but a checkpoint that jumps back and forth is a sign of a bug or of tampering.
CREATE FUNCTION audit_checkpoint_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq < OLD.seq THEN
    RAISE EXCEPTION 'audit checkpoint of chain % cannot move back from % to %', OLD.chain, OLD.seq, NEW.seq
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.chain <> OLD.chain THEN
    RAISE EXCEPTION 'an audit checkpoint belongs to one chain' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_checkpoint_forward BEFORE UPDATE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_forward();
