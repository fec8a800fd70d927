-- The staff import asks, of every known account in its file at once, whether it also belongs to (or holds
-- a role in) another organisation: addPerson asks it of one person in that person's own scope, which for a
-- file of 2,000 existing accounts was 2,000 questions. Only for a caller in a school of that organisation,
-- and it gives out person ids from the list it was given, nothing else.
CREATE FUNCTION people_elsewhere(p_person_ids text[], p_organisation_id text) RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m."personId" FROM "Membership" m JOIN "School" s ON s.id = m."schoolId"
  WHERE m."personId" = ANY (p_person_ids) AND s."organisationId" <> p_organisation_id
    AND EXISTS (SELECT 1 FROM "School" h WHERE h.id = app_school_id() AND h."organisationId" = p_organisation_id)
  UNION
  SELECT r."personId" FROM "OrganisationRole" r
  WHERE r."personId" = ANY (p_person_ids) AND r."organisationId" <> p_organisation_id
    AND EXISTS (SELECT 1 FROM "School" h WHERE h.id = app_school_id() AND h."organisationId" = p_organisation_id)
$$;
REVOKE ALL ON FUNCTION people_elsewhere(text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION people_elsewhere(text[], text) TO ict_app;
