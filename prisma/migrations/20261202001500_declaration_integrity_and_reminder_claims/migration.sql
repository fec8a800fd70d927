-- CreateTable
CREATE TABLE "ReminderClaim" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "escalation" BOOLEAN NOT NULL,
    "day" DATE NOT NULL,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderClaim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReminderClaim_day_idx" ON "ReminderClaim"("day");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderClaim_schoolId_policyVersionId_personId_escalation__key" ON "ReminderClaim"("schoolId", "policyVersionId", "personId", "escalation", "day");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_id_schoolId_personId_key" ON "Membership"("id", "schoolId", "personId");

-- AddForeignKey
ALTER TABLE "Declaration" ADD CONSTRAINT "Declaration_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Declaration" ADD CONSTRAINT "Declaration_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "Declaration" ADD CONSTRAINT "Declaration_membershipId_schoolId_personId_fkey" FOREIGN KEY ("membershipId", "schoolId", "personId") REFERENCES "Membership"("id", "schoolId", "personId") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "PolicyReminder" ADD CONSTRAINT "PolicyReminder_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "PolicyReminder" ADD CONSTRAINT "PolicyReminder_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "PolicyReminder" ADD CONSTRAINT "PolicyReminder_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;


-- ---------- Hand-written: rules Prisma cannot express (CHECK constraints crash its JS schema engine) ----------

-- A declaration is made in a school where its policy applies: the school's own policy, or its organisation's.
-- (That its school, person and membership are one membership row is the composite foreign key above.)
CREATE FUNCTION declaration_applies_here() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p RECORD;
BEGIN
  SELECT pol."schoolId", pol."organisationId" INTO p
    FROM "PolicyVersion" v JOIN "Policy" pol ON pol.id = v."policyId"
   WHERE v.id = NEW."policyVersionId";
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key on policyVersionId refuses it
  END IF;
  IF (p."schoolId" IS NOT NULL AND p."schoolId" <> NEW."schoolId")
     OR (p."schoolId" IS NULL AND NOT EXISTS (
           SELECT 1 FROM "School" s WHERE s.id = NEW."schoolId" AND s."organisationId" = p."organisationId")) THEN
    RAISE EXCEPTION 'policy version % does not apply in school %', NEW."policyVersionId", NEW."schoolId"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER declaration_applies_here BEFORE INSERT ON "Declaration"
  FOR EACH ROW EXECUTE FUNCTION declaration_applies_here();

-- A policy with a published version stays with the school or organisation it was published for: its
-- declarations, coverage and audit trail all say whose policy it was.
CREATE FUNCTION policy_stays_put() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW."schoolId" IS DISTINCT FROM OLD."schoolId" OR NEW."organisationId" IS DISTINCT FROM OLD."organisationId")
     AND EXISTS (SELECT 1 FROM "PolicyVersion" WHERE "policyId" = OLD.id AND status = 'PUBLISHED') THEN
    RAISE EXCEPTION 'policy % has a published version: it cannot move to another school or organisation', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER policy_stays_put BEFORE UPDATE OF "schoolId", "organisationId" ON "Policy"
  FOR EACH ROW EXECUTE FUNCTION policy_stays_put();

-- The canonical text of a version, byte for byte what canonicalPolicyContent() in lib/policies/content.ts
-- builds (format "policy-version/1": keys sorted, JSON escaping as JSON.stringify, dates YYYY-MM-DD,
-- audience sorted). Postgres' to_json(text) escapes exactly as JSON.stringify does (", \, \b \f \n \r \t,
-- other controls as lower-case \u00xx, everything else as is). NULL when the content is not in the shape
-- the application writes (sections a list of {heading, body} strings, no NULL statements): such a
-- version cannot be published. docs/decisions/0009-database-integrity.md says why.
CREATE FUNCTION policy_version_canonical(v "PolicyVersion") RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  sections text;
  statements text;
  audience text;
BEGIN
  IF jsonb_typeof(v.sections) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(v.sections) e
              WHERE jsonb_typeof(e) <> 'object'
                 OR jsonb_typeof(e -> 'heading') IS DISTINCT FROM 'string'
                 OR jsonb_typeof(e -> 'body') IS DISTINCT FROM 'string') THEN
    RETURN NULL;
  END IF;
  IF array_position(v.statements, NULL) IS NOT NULL THEN RETURN NULL; END IF;

  SELECT string_agg('{"body":' || to_json(e ->> 'body')::text || ',"heading":' || to_json(e ->> 'heading')::text || '}', ',' ORDER BY n)
    INTO sections FROM jsonb_array_elements(v.sections) WITH ORDINALITY AS t(e, n);
  SELECT string_agg(to_json(s)::text, ',' ORDER BY n) INTO statements FROM unnest(v.statements) WITH ORDINALITY AS t(s, n);
  SELECT string_agg(to_json(a::text)::text, ',' ORDER BY a::text COLLATE "C") INTO audience FROM unnest(v.audience) AS t(a);

  RETURN '{"approvedBy":' || coalesce(to_json(v."approvedBy")::text, 'null')
      || ',"approvedOn":' || coalesce('"' || to_char(v."approvedOn", 'YYYY-MM-DD') || '"', 'null')
      || ',"audience":[' || coalesce(audience, '') || ']'
      || ',"changeSummary":' || coalesce(to_json(v."changeSummary")::text, 'null')
      || ',"declarationWording":' || to_json(v."declarationWording")::text
      || ',"format":"policy-version/1"'
      || ',"inductionRequired":' || CASE WHEN v."inductionRequired" THEN 'true' ELSE 'false' END
      || ',"number":' || v.number::text
      || ',"policyId":' || to_json(v."policyId")::text
      || ',"reviewDue":' || coalesce('"' || to_char(v."reviewDue", 'YYYY-MM-DD') || '"', 'null')
      || ',"sections":[' || coalesce(sections, '') || ']'
      || ',"statements":[' || coalesce(statements, '') || ']'
      || ',"title":' || to_json(v.title)::text
      || '}';
END;
$$;

CREATE FUNCTION policy_version_content_hash(v "PolicyVersion") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(policy_version_canonical(v), 'UTF8')), 'hex');
$$;

-- Published only with the hash of exactly the content being published (recomputed here, whoever writes
-- the row: the app, the seed, a script); a draft carries no hash and no publication.
CREATE FUNCTION policy_version_hash_checked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  expected text;
BEGIN
  IF NEW.status = 'PUBLISHED' THEN
    -- Holds the policy still while it is published (policy_stays_put reads the versions).
    PERFORM 1 FROM "Policy" WHERE id = NEW."policyId" FOR SHARE;
    IF NEW."publishedAt" IS NULL THEN
      RAISE EXCEPTION 'a policy version is published only with its content hash and time' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW."contentHash" IS NULL OR NEW."contentHash" !~ '^[0-9a-f]{64}$' THEN
      RAISE EXCEPTION 'a published policy version needs its content hash (64 lower-case hex digits)' USING ERRCODE = 'check_violation';
    END IF;
    expected := policy_version_content_hash(NEW);
    IF expected IS NULL THEN
      RAISE EXCEPTION 'policy version % cannot be published: its content hash cannot be computed (sections must be headings and bodies as text)', NEW.id
        USING ERRCODE = 'check_violation';
    END IF;
    IF expected <> NEW."contentHash" THEN
      RAISE EXCEPTION 'content hash of policy version % does not match its content', NEW.id USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW."contentHash" IS NOT NULL OR NEW."publishedAt" IS NOT NULL OR NEW."publishedById" IS NOT NULL THEN
    RAISE EXCEPTION 'a draft policy version has no content hash or publication' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER policy_version_hash_checked BEFORE INSERT OR UPDATE ON "PolicyVersion"
  FOR EACH ROW EXECUTE FUNCTION policy_version_hash_checked();

-- Tenant isolation from the first migration (docs/decisions/0012).
ALTER TABLE "ReminderClaim" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReminderClaim" FORCE ROW LEVEL SECURITY;
CREATE POLICY reminderclaim_school ON "ReminderClaim" USING ("schoolId" = app_school_id()) WITH CHECK ("schoolId" = app_school_id());

