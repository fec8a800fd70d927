-- No BYPASSRLS in the app (docs/decisions/0028-no-system-role-in-the-app.md). The jobs, the sealing worker,
-- /verify and the people page used to read past row-level security as ict_system. Each now works in an
-- explicit school or organisation scope; where a question must cross schools for no one request, a
-- function below answers it, owned by the migration owner, and gives out only what the caller needs.

-- /verify: a PDF matches a sealed document byte for byte (the hash finds it, the bytes decide). Only what
-- the PDF itself says is given out, plus the ids the check's audit row keeps (the declaration's id is
-- printed in the PDF's signature; the school's and the document's are the platform chain's business).
CREATE FUNCTION verify_sealed_upload(p_sha256 text, p_bytes bytea)
RETURNS TABLE (id text, "schoolId" text, "declarationId" text, reference text, part integer, "signerName" text,
               "policyTitle" text, "versionNumber" integer, "signedAt" timestamptz, "schoolName" text,
               "sealedAt" timestamptz, "selfSigned" boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.id, d."schoolId", d."declarationId", d.reference, d.part, d."signerName", d."policyTitle", d."versionNumber",
         d."signedAt", d."schoolName", d."sealedAt", d."selfSigned"
  FROM "SealedDocument" d WHERE d.sha256 = p_sha256 AND d.bytes = p_bytes
  LIMIT 1
$$;

-- The reference is printed on every page of the PDF: whoever holds it holds what is given out here.
CREATE FUNCTION verify_sealed_reference(p_reference text)
RETURNS TABLE (id text, "schoolId" text, "declarationId" text, reference text, part integer, "signerName" text,
               "policyTitle" text, "versionNumber" integer, "signedAt" timestamptz, "schoolName" text,
               "sealedAt" timestamptz, "selfSigned" boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.id, d."schoolId", d."declarationId", d.reference, d.part, d."signerName", d."policyTitle", d."versionNumber",
         d."signedAt", d."schoolName", d."sealedAt", d."selfSigned"
  FROM "SealedDocument" d WHERE d.reference = p_reference
$$;

-- The people page: of these suspended accounts, those whose suspension belongs to the organisation of
-- the school in scope (lib/people/queries.ts says when). Only people with a membership in that school are
-- considered, and only their ids come back: nothing of the other schools' rows leaves.
CREATE FUNCTION suspended_here(p_person_ids text[], p_today date)
RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH here AS (
    SELECT DISTINCT m."personId" AS id FROM "Membership" m
    WHERE m."schoolId" = app_school_id() AND m."personId" = ANY (p_person_ids)
  ), org AS (
    SELECT "organisationId" AS id FROM "School" WHERE id = app_school_id()
  ), last_suspension AS (
    -- A suspension is recorded in the chain of the school it was made from, one where they had a membership.
    SELECT DISTINCT ON (e."entityId") e."entityId" AS id, e."organisationId"
    FROM "AuditEvent" e JOIN here ON here.id = e."entityId"
    WHERE e.action = 'person.suspended' AND e."entityType" = 'Person'
      AND e."schoolId" IN (SELECT m."schoolId" FROM "Membership" m WHERE m."personId" = e."entityId")
    ORDER BY e."entityId", e.at DESC
  )
  SELECT here.id FROM here
  LEFT JOIN last_suspension l ON l.id = here.id
  WHERE CASE WHEN l.id IS NOT NULL THEN l."organisationId" IS NOT DISTINCT FROM (SELECT id FROM org)
        ELSE NOT EXISTS (
          SELECT 1 FROM "Membership" m JOIN "School" s ON s.id = m."schoolId"
          WHERE m."personId" = here.id AND (m."endDate" IS NULL OR m."endDate" >= p_today)
            AND s."organisationId" IS DISTINCT FROM (SELECT id FROM org))
        END
$$;

-- The sealing worker: which schools have a PDF waiting to be sealed, oldest first. School ids only; the
-- worker then claims and seals each job in that school's scope.
CREATE FUNCTION seal_queue_schools(p_stale_before timestamptz, p_max_attempts integer)
RETURNS TABLE ("schoolId" text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT j."schoolId" FROM "SealJob" j
  WHERE j."doneAt" IS NULL AND j.attempts < p_max_attempts AND (j."lockedAt" IS NULL OR j."lockedAt" < p_stale_before)
  GROUP BY j."schoolId"
  ORDER BY min(j."createdAt"), j."schoolId"
$$;

-- The hourly breach reminders, run in one school's scope with no person: the open breaches of that school
-- past the first stage (ids and awareness time only), and the claim and release of one reminder row.
-- Each refuses to work outside the school in scope.
CREATE FUNCTION breach_reminders_due(p_due_before timestamptz)
RETURNS TABLE (id text, "awareAt" timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i.id, i."awareAt" FROM "Incident" i LEFT JOIN "BreachRecord" b ON b."incidentId" = i.id
  WHERE i."schoolId" = app_school_id() AND i.category = 'DATA_BREACH' AND i.status <> 'CLOSED'
    AND b."decidedAt" IS NULL AND i."awareAt" <= p_due_before
  ORDER BY i."awareAt", i.id
$$;

CREATE FUNCTION breach_reminder_claim(p_incident text, p_stage integer)
RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE n integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Incident" WHERE id = p_incident AND "schoolId" = app_school_id()) THEN
    RAISE EXCEPTION 'breach reminders are claimed only in the incident''s school' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO "BreachReminder" ("incidentId", stage) VALUES (p_incident, p_stage) ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n = 1;
END;
$$;

-- Nobody was told: the claim is given back so the next hourly check tries again.
CREATE FUNCTION breach_reminder_release(p_incident text, p_stages integer[])
RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Incident" WHERE id = p_incident AND "schoolId" = app_school_id()) THEN
    RAISE EXCEPTION 'breach reminders are released only in the incident''s school' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM "BreachReminder" WHERE "incidentId" = p_incident AND stage = ANY (p_stages);
END;
$$;

-- The daily end of monitoring authorisations, in one school's scope with no person: those past their last
-- day (id, status, requester: what ending them and asking for the outcome needs), and the end of one,
-- conditional on its status so that two instances never end it twice.
CREATE FUNCTION monitoring_due_to_end(p_today date)
RETURNS TABLE (id text, status text, "requesterId" text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id, a.status::text, a."requesterId" FROM "MonitoringAuthorisation" a
  WHERE a."schoolId" = app_school_id() AND a.status IN ('APPROVED', 'AWAITING') AND a."endsOn" < p_today
  ORDER BY a.id
$$;

CREATE FUNCTION monitoring_end(p_id text, p_from text, p_now timestamptz)
RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE n integer;
BEGIN
  IF p_from NOT IN ('APPROVED', 'AWAITING') THEN
    RAISE EXCEPTION 'only an approved or awaiting authorisation ends' USING ERRCODE = 'check_violation';
  END IF;
  UPDATE "MonitoringAuthorisation"
     SET status = (CASE WHEN p_from = 'APPROVED' THEN 'ENDED' ELSE 'LAPSED' END)::"MonitoringStatus", "endedAt" = p_now
   WHERE id = p_id AND "schoolId" = app_school_id() AND status::text = p_from
     AND "endsOn" < (p_now AT TIME ZONE 'Europe/London')::date;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n = 1;
END;
$$;

-- An organisation's own chain is anchored in its scope (lib/audit/job.ts), as it is read there.
CREATE POLICY auditanchor_organisation_chain ON "AuditAnchor" FOR SELECT
  USING (app_school_id() IS NULL AND "schoolId" IS NULL AND chain = 'org:' || app_scope_organisation_id());
CREATE POLICY auditanchor_organisation_chain_insert ON "AuditAnchor" FOR INSERT
  WITH CHECK (app_school_id() IS NULL AND "schoolId" IS NULL AND chain = 'org:' || app_scope_organisation_id()
              AND "organisationId" = app_scope_organisation_id());

REVOKE ALL ON FUNCTION verify_sealed_upload(text, bytea), verify_sealed_reference(text), suspended_here(text[], date),
  seal_queue_schools(timestamptz, integer), breach_reminders_due(timestamptz), breach_reminder_claim(text, integer),
  breach_reminder_release(text, integer[]), monitoring_due_to_end(date), monitoring_end(text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION verify_sealed_upload(text, bytea), verify_sealed_reference(text), suspended_here(text[], date),
  seal_queue_schools(timestamptz, integer), breach_reminders_due(timestamptz), breach_reminder_claim(text, integer),
  breach_reminder_release(text, integer[]), monitoring_due_to_end(date), monitoring_end(text, text, timestamptz) TO ict_app;
