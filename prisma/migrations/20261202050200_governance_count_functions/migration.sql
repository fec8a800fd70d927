-- Governors' counts of confidential, person-keyed rows (incidents, monitoring authorisations), read as the
-- app role in an explicit scope (docs/decisions/0029-governance-counts-in-scope.md). No governor may read
-- those rows one by one, so these functions read past row-level security as their owner, and give out
-- counts only, grouped as the summary needs: no id, name, description, outcome, or date finer than a month.
--
-- They honour the scope the transaction has already set, never a wider one the caller asks for: the school
-- in scope (app.school_id), else the schools of the organisation in scope (app.organisation_id); of those,
-- only the schools asked for. A count is always some reader's, and never includes a report or an
-- authorisation about that reader (app.person_id): with no reader set, they count nothing.

-- The schools a count may cover. Called only from the functions below (as their owner).
CREATE FUNCTION governance_count_schools(p_school_ids text[]) RETURNS text[]
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(s), '{}')
  FROM unnest(CASE WHEN app_school_id() IS NOT NULL THEN ARRAY[app_school_id()] ELSE app_organisation_school_ids() END) s
  WHERE s = ANY (p_school_ids) AND app_person_id() IS NOT NULL
$$;
REVOKE ALL ON FUNCTION governance_count_schools(text[]) FROM PUBLIC;

-- Incidents reported in [p_from, p_to), per school, category and London month.
CREATE FUNCTION governance_incident_months(p_school_ids text[], p_from timestamptz, p_to timestamptz)
  RETURNS TABLE ("schoolId" text, category "IncidentCategory", month text, count integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT x."schoolId", x.category, x.month, count(*)::int
  FROM (
    SELECT i."schoolId", i.category, to_char(i."createdAt" AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month
    FROM "Incident" i
    WHERE i."schoolId" = ANY ((SELECT governance_count_schools(p_school_ids))::text[])
      AND i."createdAt" >= p_from AND i."createdAt" < p_to
      AND NOT EXISTS (SELECT 1 FROM "IncidentSubject" s WHERE s."incidentId" = i.id AND s."personId" = app_person_id())
  ) x
  GROUP BY 1, 2, 3 ORDER BY 3, 2, 1
$$;
REVOKE ALL ON FUNCTION governance_incident_months(text[], timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION governance_incident_months(text[], timestamptz, timestamptz) TO ict_app;

-- Incidents reported in [p_from, p_to), per school: how many, open, closed, breaches and breaches decided
-- within 72 hours. "closeDays" are the closed reports' days to close, sorted, with nothing to say which
-- report each belongs to: a trust's median cannot be added up from its schools' medians (decision 0027).
CREATE FUNCTION governance_incident_totals(p_school_ids text[], p_from timestamptz, p_to timestamptz)
  RETURNS TABLE ("schoolId" text, reports integer, open integer, closed integer, "closeDays" float8[], breaches integer, "breachesDecidedWithin72h" integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i."schoolId", count(*)::int,
         count(*) FILTER (WHERE i.status <> 'CLOSED')::int,
         count(*) FILTER (WHERE i.status = 'CLOSED')::int,
         array_agg((extract(epoch FROM i."closedAt" - i."createdAt") / 86400)::float8 ORDER BY i."closedAt" - i."createdAt")
           FILTER (WHERE i.status = 'CLOSED' AND i."closedAt" IS NOT NULL),
         count(*) FILTER (WHERE i.category = 'DATA_BREACH')::int,
         count(*) FILTER (WHERE i.category = 'DATA_BREACH' AND b."decidedAt" <= i."awareAt" + interval '72 hours')::int
  FROM "Incident" i LEFT JOIN "BreachRecord" b ON b."incidentId" = i.id
  WHERE i."schoolId" = ANY ((SELECT governance_count_schools(p_school_ids))::text[])
    AND i."createdAt" >= p_from AND i."createdAt" < p_to
    AND NOT EXISTS (SELECT 1 FROM "IncidentSubject" s WHERE s."incidentId" = i.id AND s."personId" = app_person_id())
  GROUP BY 1
$$;
REVOKE ALL ON FUNCTION governance_incident_totals(text[], timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION governance_incident_totals(text[], timestamptz, timestamptz) TO ict_app;

-- Monitoring authorisations asked for in [p_from, p_to), per school (schools with none are left out).
CREATE FUNCTION governance_monitoring_counts(p_school_ids text[], p_from timestamptz, p_to timestamptz)
  RETURNS TABLE ("schoolId" text, authorisations integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a."schoolId", count(*)::int
  FROM "MonitoringAuthorisation" a
  WHERE a."schoolId" = ANY ((SELECT governance_count_schools(p_school_ids))::text[])
    AND a."createdAt" >= p_from AND a."createdAt" < p_to
    AND a."subjectId" <> app_person_id()
  GROUP BY 1
$$;
REVOKE ALL ON FUNCTION governance_monitoring_counts(text[], timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION governance_monitoring_counts(text[], timestamptz, timestamptz) TO ict_app;
