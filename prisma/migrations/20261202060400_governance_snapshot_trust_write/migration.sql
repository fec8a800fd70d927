-- The trust roll-up writes the kept counts of the schools it had to count in one statement, in the
-- organisation's scope, rather than switching to each school's scope for a statement each (the roll-up's
-- statement count then grew with the number of schools: issue 10 point 5 asks for one grouped statement
-- per section). Only the organisation's own schools, only with no school set; counts only, not evidence.
CREATE POLICY governancesnapshot_organisation_insert ON "GovernanceSnapshot" FOR INSERT
  WITH CHECK (app_school_id() IS NULL AND "schoolId" = ANY (app_organisation_school_ids()));
CREATE POLICY governancesnapshot_organisation_update ON "GovernanceSnapshot" FOR UPDATE
  USING (app_school_id() IS NULL AND "schoolId" = ANY (app_organisation_school_ids()))
  WITH CHECK (app_school_id() IS NULL AND "schoolId" = ANY (app_organisation_school_ids()));
