-- Nothing connects as ict_system any more: the jobs, the sealing worker, /verify, the people page and the
-- governors' counts set an explicit scope as ict_web (decisions 0028, 0029, 0032). A role that can log in
-- and read past every row-level security policy, unused, is only a way in: it keeps its name (roles are
-- the cluster's, and other databases on it may still hold grants to it) but can no longer log in, read past
-- the policies or use the app's grants.
ALTER ROLE ict_system NOLOGIN NOBYPASSRLS;
REVOKE ict_app FROM ict_system;
