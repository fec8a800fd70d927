-- The platform chain anchored again (docs/decisions/0033-platform-chain-anchored.md). Its events (strangers'
-- sign-in attempts, /verify checks) are readable in no scope, so the daily job, as ict_web, cannot walk it;
-- it reads the head through audit_chain_head() and stores the head's signed anchor through this function,
-- which gives out nothing the caller did not bring: it stores an anchor only for an event of the platform
-- chain whose hash the caller already has, and refuses (reporting the anchor, not the event) when an earlier
-- anchor of the chain names an event that is gone or has changed. No insert policy: a policy could not
-- compare the row with the chain it names, since ict_web cannot read that chain.
CREATE FUNCTION audit_anchor_platform(p_seq integer, p_hash text, p_anchored_at timestamptz, p_fingerprint text, p_signature text)
RETURNS TABLE (fresh boolean, "anchoredAt" timestamptz, fingerprint text, signature text, "brokenSeq" integer, "brokenRemoved" boolean)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n integer;
  b record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e.chain = 'platform' AND e.seq = p_seq AND e.hash = p_hash) THEN
    RAISE EXCEPTION 'the platform chain has no event % with that hash', p_seq USING ERRCODE = 'check_violation';
  END IF;
  SELECT a.seq, e.id IS NULL AS removed INTO b
    FROM "AuditAnchor" a LEFT JOIN "AuditEvent" e ON e.chain = 'platform' AND e.seq = a.seq
   WHERE a.chain = 'platform' AND (e.id IS NULL OR e.hash <> a.hash)
   ORDER BY a.seq LIMIT 1;
  IF FOUND THEN
    RETURN QUERY SELECT false, NULL::timestamptz, NULL::text, NULL::text, b.seq, b.removed;
    RETURN;
  END IF;
  INSERT INTO "AuditAnchor" (chain, seq, hash, "schoolId", "organisationId", "anchoredAt", fingerprint, signature)
  VALUES ('platform', p_seq, p_hash, NULL, NULL, p_anchored_at, p_fingerprint, p_signature)
  ON CONFLICT (chain, seq) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  -- Two instances anchoring the same head: the first row stands and both report it.
  RETURN QUERY SELECT n = 1, a."anchoredAt", a.fingerprint, a.signature, NULL::integer, NULL::boolean
    FROM "AuditAnchor" a WHERE a.chain = 'platform' AND a.seq = p_seq;
END;
$$;
REVOKE ALL ON FUNCTION audit_anchor_platform(integer, text, timestamptz, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_anchor_platform(integer, text, timestamptz, text, text) TO ict_app;
