-- The governors' first view of a trust reads kept counts instead of counting (issue 10 point 5, decision 0037).

-- 1. The shared counts are read back whole and parsed by the app: kept as JSON text, not jsonb, whose
--    conversion back to text cost more than the read. The rows are a cache, not evidence (decision 0029),
--    and the app's encoding of dates changes with this migration: the rows go and are counted again.
DELETE FROM "GovernanceSnapshot";
ALTER TABLE "GovernanceSnapshot" ALTER COLUMN "counts" SET DATA TYPE TEXT;

-- 2. Each school's incident counts over every report of a window, kept for every reader. They include
--    reports about whoever reads them, so the app's role can neither read nor write the table: no grant, and
--    row-level security with no policy at all. Only the definer functions below touch it, and they give a
--    reader the kept counts of a school only when no report of the window there is about that reader
--    (else the app counts that school afresh without those reports, as before).
CREATE TABLE "GovernanceIncidentSnapshot" (
    "schoolId" TEXT NOT NULL,
    "windowFrom" TIMESTAMPTZ(3) NOT NULL,
    "windowTo" TIMESTAMPTZ(3) NOT NULL,
    "seq" INTEGER NOT NULL,
    "counts" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GovernanceIncidentSnapshot_pkey" PRIMARY KEY ("schoolId","windowFrom","windowTo")
);

ALTER TABLE "GovernanceIncidentSnapshot" ADD CONSTRAINT "GovernanceIncidentSnapshot_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

REVOKE ALL ON "GovernanceIncidentSnapshot" FROM ict_app;
ALTER TABLE "GovernanceIncidentSnapshot" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "GovernanceIncidentSnapshot" FORCE ROW LEVEL SECURITY;

-- Whether a report of the window in this school is about the reader set in the scope. Internal.
CREATE FUNCTION governance_reader_is_subject(p_school_id text, p_from timestamptz, p_to timestamptz) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM "IncidentSubject" s JOIN "Incident" i ON i.id = s."incidentId"
    WHERE s."personId" = app_person_id() AND i."schoolId" = p_school_id AND i."createdAt" >= p_from AND i."createdAt" < p_to)
$$;
REVOKE ALL ON FUNCTION governance_reader_is_subject(text, timestamptz, timestamptz) FROM PUBLIC;

-- The head of a school's audit chain: every change to an incident or its breach record writes an event
-- there in the same transaction, so kept counts made at this head are the counts while it stays the head.
CREATE FUNCTION governance_chain_head(p_school_id text) RETURNS integer
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(max(e.seq), 0)::int FROM "AuditEvent" e WHERE e.chain = p_school_id
$$;
REVOKE ALL ON FUNCTION governance_chain_head(text) FROM PUBLIC;

-- Counts the listed schools of the scope set (the school, else the organisation's schools; no reader needed,
-- so that the daily job can keep them) over every report in [p_from, p_to), keeps them at each school's
-- chain head, and gives back the kept counts of those schools where a reader is set and no report of the
-- window is about them. The JSON holds what lib/governance/sections/incidents.ts makes of the count
-- functions' rows: months as [category, London month, count] and totals with the closed reports' days to close.
CREATE FUNCTION governance_keep_incident_counts(p_school_ids text[], p_from timestamptz, p_to timestamptz)
  RETURNS TABLE ("schoolId" text, counts text)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH sc AS (
    SELECT s FROM unnest(CASE WHEN app_school_id() IS NOT NULL THEN ARRAY[app_school_id()] ELSE app_organisation_school_ids() END) s
    WHERE s = ANY (p_school_ids)
  ), inc AS (
    SELECT i.id, i."schoolId", i.category, i.status, i."createdAt", i."closedAt", i."awareAt"
    FROM "Incident" i WHERE i."schoolId" IN (SELECT s FROM sc) AND i."createdAt" >= p_from AND i."createdAt" < p_to
  ), months AS (
    SELECT x."schoolId", jsonb_agg(jsonb_build_array(x.category, x.month, x.n) ORDER BY x.month, x.category) AS rows
    FROM (SELECT "schoolId", category, to_char("createdAt" AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)::int AS n FROM inc GROUP BY 1, 2, 3) x
    GROUP BY 1
  ), totals AS (
    SELECT i."schoolId", jsonb_build_object(
      'reports', count(*)::int,
      'open', count(*) FILTER (WHERE i.status <> 'CLOSED')::int,
      'closed', count(*) FILTER (WHERE i.status = 'CLOSED')::int,
      'closeDays', to_jsonb(coalesce(array_agg((extract(epoch FROM i."closedAt" - i."createdAt") / 86400)::float8 ORDER BY i."closedAt" - i."createdAt")
        FILTER (WHERE i.status = 'CLOSED' AND i."closedAt" IS NOT NULL), '{}')),
      'breaches', count(*) FILTER (WHERE i.category = 'DATA_BREACH')::int,
      'breachesDecidedWithin72h', count(*) FILTER (WHERE i.category = 'DATA_BREACH' AND b."decidedAt" <= i."awareAt" + interval '72 hours')::int) AS t
    FROM inc i LEFT JOIN "BreachRecord" b ON b."incidentId" = i.id
    GROUP BY 1
  ), kept AS (
    INSERT INTO "GovernanceIncidentSnapshot" ("schoolId", "windowFrom", "windowTo", seq, counts, "updatedAt")
    SELECT sc.s, p_from, p_to, governance_chain_head(sc.s), jsonb_build_object('months', coalesce(m.rows, '[]'::jsonb), 'totals', t.t)::text, now()
    FROM sc LEFT JOIN months m ON m."schoolId" = sc.s LEFT JOIN totals t ON t."schoolId" = sc.s
    ON CONFLICT ("schoolId", "windowFrom", "windowTo") DO UPDATE SET seq = EXCLUDED.seq, counts = EXCLUDED.counts, "updatedAt" = now()
    RETURNING "GovernanceIncidentSnapshot"."schoolId", "GovernanceIncidentSnapshot".counts
  )
  SELECT k."schoolId", k.counts FROM kept k
  WHERE app_person_id() IS NOT NULL AND NOT governance_reader_is_subject(k."schoolId", p_from, p_to)
$$;
REVOKE ALL ON FUNCTION governance_keep_incident_counts(text[], timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION governance_keep_incident_counts(text[], timestamptz, timestamptz) TO ict_app;

-- The kept counts of the listed schools of the scope set that are still current (kept at the school's chain
-- head now), for the reader set in the scope, leaving out every school where a report of the window is
-- about the reader. With no reader set, nothing.
CREATE FUNCTION governance_kept_incident_counts(p_school_ids text[], p_from timestamptz, p_to timestamptz)
  RETURNS TABLE ("schoolId" text, counts text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT k."schoolId", k.counts FROM "GovernanceIncidentSnapshot" k
  WHERE k."schoolId" = ANY ((SELECT governance_count_schools(p_school_ids))::text[])
    AND k."windowFrom" = p_from AND k."windowTo" = p_to
    AND k.seq = governance_chain_head(k."schoolId")
    AND NOT governance_reader_is_subject(k."schoolId", p_from, p_to)
$$;
REVOKE ALL ON FUNCTION governance_kept_incident_counts(text[], timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION governance_kept_incident_counts(text[], timestamptz, timestamptz) TO ict_app;
