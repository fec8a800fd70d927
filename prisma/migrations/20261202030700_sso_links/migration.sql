-- CreateEnum
CREATE TYPE "SsoTenantKind" AS ENUM ('ENTRA', 'GOOGLE');

-- CreateTable
CREATE TABLE "SsoTrustedTenant" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "kind" "SsoTenantKind" NOT NULL,
    "tenant" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoTrustedTenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoLink" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "emailAtLink" TEXT,
    "via" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "SsoLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SsoTrustedTenant_kind_tenant_idx" ON "SsoTrustedTenant"("kind", "tenant");

-- CreateIndex
CREATE UNIQUE INDEX "SsoTrustedTenant_organisationId_kind_tenant_key" ON "SsoTrustedTenant"("organisationId", "kind", "tenant");

-- CreateIndex
CREATE UNIQUE INDEX "SsoLink_provider_tenant_subject_key" ON "SsoLink"("provider", "tenant", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "SsoLink_personId_provider_key" ON "SsoLink"("personId", "provider");

-- AddForeignKey
ALTER TABLE "SsoTrustedTenant" ADD CONSTRAINT "SsoTrustedTenant_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoLink" ADD CONSTRAINT "SsoLink_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (docs/decisions/0023-sso-links.md). Triggers, not CHECKs: the JS schema engine crashes on
-- CHECK constraints (docs/decisions/0001).
-- Tenants are compared as stored: lower-cased, trimmed, never empty, so "Heathfield.org.uk" and
-- "heathfield.org.uk" cannot be two entries that match differently.
CREATE FUNCTION sso_trusted_tenant_rules() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.tenant = '' OR NEW.tenant <> lower(btrim(NEW.tenant)) OR length(NEW.tenant) > 253 THEN
    RAISE EXCEPTION 'a trusted tenant is stored lower-cased and trimmed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER sso_trusted_tenant_rules BEFORE INSERT OR UPDATE ON "SsoTrustedTenant"
  FOR EACH ROW EXECUTE FUNCTION sso_trusted_tenant_rules();

-- A link never moves: whose it is and which provider account it names are fixed when it is made (a new
-- email claim, or anything else, cannot re-point it). Only lastUsedAt changes; unlinking deletes the row.
CREATE FUNCTION sso_link_rules() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW."personId" IS DISTINCT FROM OLD."personId" OR NEW.provider IS DISTINCT FROM OLD.provider
      OR NEW.tenant IS DISTINCT FROM OLD.tenant OR NEW.subject IS DISTINCT FROM OLD.subject
      OR NEW."emailAtLink" IS DISTINCT FROM OLD."emailAtLink" OR NEW.via IS DISTINCT FROM OLD.via
      OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt") THEN
    RAISE EXCEPTION 'a single sign-on link is not changed: unlink it and link again' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.provider = '' OR NEW.subject = '' OR NEW.tenant = '' OR NEW.tenant <> lower(btrim(NEW.tenant)) THEN
    RAISE EXCEPTION 'a single sign-on link names a provider, a lower-cased tenant and a subject' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.via NOT IN ('account', 'first-sign-in') THEN
    RAISE EXCEPTION 'a single sign-on link is made from the account page or at a first sign-in' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER sso_link_rules BEFORE INSERT OR UPDATE ON "SsoLink"
  FOR EACH ROW EXECUTE FUNCTION sso_link_rules();

-- Neither table has a schoolId: they belong to an organisation and a person, and sign-in reads them before
-- any school is known, so they are not under the school policies. The app's role may use them all the same.
GRANT SELECT, INSERT, UPDATE, DELETE ON "SsoTrustedTenant", "SsoLink" TO ict_app;
