import "server-only";
import { db, type Tx } from "@/lib/db";
import { withScope, scopeOf } from "@/lib/db/scope";
import { runInScope } from "@/lib/db/context";
import { activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";
import type { AssetKind, AssetStatus } from "@/generated/prisma/enums";
import { ASSET_KINDS } from "./kinds";
import { checksDue } from "./check-queries";
import { thisYear, instantsOf } from "@/lib/governance/period";
import { equipmentSection } from "@/lib/governance/sections/equipment";

// Every read runs under the school's row-level security (withScope), like the service.
const read = <T>(ctx: SchoolContext, fn: (tx: Tx) => Promise<T>) => withScope(scopeOf(ctx), fn);

const OPEN = ["AWAITING_SIGNATURE", "ON_LOAN"] as const;

export type AssetRow = {
  id: string; tag: string; kind: AssetKind; make: string; model: string; serialNumber: string | null; encrypted: boolean;
  personalData: boolean; status: AssetStatus; notes: string | null; holder: { id: string; name: string } | null; dueBack: Date | null; everLent: boolean;
};

export async function listAssets(ctx: SchoolContext, filters: { kind?: AssetKind; status?: AssetStatus } = {}): Promise<AssetRow[]> {
  return read(ctx, async (tx) => {
    const assets = await tx.asset.findMany({
      where: { ...(filters.kind ? { kind: filters.kind } : {}), ...(filters.status ? { status: filters.status } : {}) },
      orderBy: [{ kind: "asc" }, { tag: "asc" }],
      include: {
        loanItems: { select: { status: true, dueBack: true, loan: { select: { borrower: { select: { id: true, name: true } } } } }, orderBy: { createdAt: "desc" } },
      },
    });
    return assets.map(({ loanItems, ...a }) => {
      const open = loanItems.find((i) => (OPEN as readonly string[]).includes(i.status));
      return { ...a, holder: open?.loan.borrower ?? null, dueBack: open?.dueBack ?? null, everLent: loanItems.length > 0 };
    });
  });
}

export async function getAsset(ctx: SchoolContext, assetId: string) {
  return read(ctx, async (tx) => {
    const asset = await tx.asset.findUnique({
      where: { id: assetId },
      include: {
        loanItems: { orderBy: { createdAt: "desc" }, include: { loan: { include: { borrower: { select: { id: true, name: true } } } }, return: true } },
        losses: { orderBy: { createdAt: "desc" } },
        checks: { orderBy: { doneAt: "desc" }, take: 20 },
      },
    });
    return asset;
  });
}

/** Everything needed to show one loan (and to build its receipt PDF). */
export async function getLoan(ctx: SchoolContext, loanId: string) {
  return read(ctx, (tx) => loanForReceipt(tx, loanId));
}

export async function loanForReceipt(tx: Tx, loanId: string) {
  return tx.loan.findUnique({
    where: { id: loanId },
    include: {
      borrower: { select: { id: true, name: true, email: true } },
      issuedBy: { select: { id: true, name: true } },
      items: { orderBy: { createdAt: "asc" }, include: { asset: true, return: true, losses: true } },
      receipts: { orderBy: { signedAt: "asc" }, select: { id: true, kind: true, returnId: true, typedName: true, signedAt: true, contentHash: true, inPerson: true, signaturePng: true, ip: true, userAgent: true, authMethod: true, wording: true } },
      returns: { orderBy: { createdAt: "asc" } },
    },
  });
}
export type LoanDetail = NonNullable<Awaited<ReturnType<typeof loanForReceipt>>>;

export async function listLoans(ctx: SchoolContext, filter: "open" | "all" = "open") {
  return read(ctx, (tx) =>
    tx.loan.findMany({
      where: filter === "open" ? { items: { some: { status: { in: [...OPEN] } } } } : {},
      orderBy: { createdAt: "desc" },
      include: { borrower: { select: { id: true, name: true } }, items: { include: { asset: { select: { tag: true, kind: true } } } }, receipts: { select: { kind: true, returnId: true } } },
    }),
  );
}

/** "My equipment": what the person holds here, the loans they signed, and what they owe. */
export async function myEquipment(ctx: SchoolContext) {
  return read(ctx, async (tx) => {
    const loans = await tx.loan.findMany({
      where: { borrowerId: ctx.person.id },
      orderBy: { createdAt: "desc" },
      include: {
        items: { include: { asset: { select: { id: true, tag: true, kind: true, make: true, model: true, encrypted: true } }, return: true } },
        receipts: { select: { kind: true, returnId: true, signedAt: true } },
        returns: true,
      },
    });
    const losses = await tx.assetLoss.findMany({ where: { loanItem: { loan: { borrowerId: ctx.person.id } } }, orderBy: { createdAt: "desc" } });
    const checks = (await checksDue(tx, ctx.school.id)).filter((c) => c.borrower.id === ctx.person.id);
    return { loans, losses, checks };
  });
}

/** A leaver's (or anyone's) kit still out: exactly the open loan items they are the borrower of. */
export async function outstandingKit(tx: Tx, personId: string) {
  return tx.loanItem.findMany({
    where: { status: { in: [...OPEN] }, loan: { borrowerId: personId } },
    orderBy: { createdAt: "asc" },
    include: { asset: { select: { id: true, tag: true, kind: true, make: true, model: true } }, loan: { select: { id: true } } },
  });
}

export async function leaverKit(ctx: SchoolContext, membershipId: string) {
  return read(ctx, async (tx) => {
    const m = await tx.membership.findFirst({
      where: { id: membershipId, schoolId: ctx.school.id },
      select: { id: true, endDate: true, person: { select: { id: true, name: true } } },
    });
    if (!m) return null;
    const [items, checklist] = await Promise.all([
      outstandingKit(tx, m.person.id),
      tx.exitChecklist.findUnique({ where: { schoolId_membershipId: { schoolId: ctx.school.id, membershipId: m.id } } }),
    ]);
    return { membership: m, items, checklist };
  });
}

/** Leavers (end date set) who still hold kit, or whose exit checklist is not complete. */
async function leaversWithKit(tx: Tx, schoolId: string) {
  const leavers = await tx.membership.findMany({
    where: { schoolId, endDate: { not: null } },
    select: { id: true, endDate: true, person: { select: { id: true, name: true } } },
    orderBy: { endDate: "asc" },
  });
  const out = [];
  for (const m of leavers) {
    const held = await tx.loanItem.count({ where: { status: { in: [...OPEN] }, loan: { borrowerId: m.person.id } } });
    if (held > 0) out.push({ ...m, held });
  }
  return out;
}

export async function dashboard(ctx: SchoolContext, now = new Date()) {
  return read(ctx, (tx) => dashboardIn(tx, ctx.school.id, now));
}

async function dashboardIn(tx: Tx, schoolId: string, now: Date) {
  const today = londonToday(now);
  const yearStart = new Date(Date.UTC(today.getUTCFullYear() - (today.getUTCMonth() < 8 ? 1 : 0), 8, 1));
  const [onLoan, awaiting, overdue, lostThisYear, owed, leavers] = await Promise.all([
    tx.loanItem.count({ where: { schoolId, status: "ON_LOAN" } }),
    tx.loanItem.count({ where: { schoolId, status: "AWAITING_SIGNATURE" } }),
    tx.loanItem.findMany({
      where: { schoolId, status: { in: [...OPEN] }, dueBack: { lt: today } },
      include: { asset: { select: { tag: true, kind: true } }, loan: { select: { id: true, borrower: { select: { name: true } } } } },
      orderBy: { dueBack: "asc" },
    }),
    tx.assetLoss.count({ where: { schoolId, createdAt: { gte: yearStart } } }),
    tx.assetLoss.findMany({ where: { schoolId, chargeStatus: "OWED" }, include: { asset: { select: { tag: true } }, loanItem: { select: { loan: { select: { borrower: { select: { name: true } } } } } } } }),
    leaversWithKit(tx, schoolId),
  ]);
  const checks = await checksDue(tx, schoolId, now);
  return {
    onLoan, awaiting, overdue, lostThisYear, owed, checks,
    owedPence: owed.reduce((s, l) => s + l.chargePence, 0),
    leavers,
  };
}

/**
 * Trust roles: the same counts for each school of the organisation, never the people behind them. One
 * grouped statement for all the schools (the governors' equipment section), not a loop per school; it
 * returns aggregates only, so it runs outside the one-school row-level security (decision 0020).
 */
export async function trustCounts(schools: { id: string; name: string; slug: string }[], now = new Date()) {
  const year = instantsOf(thisYear(londonToday(now)));
  const rows = await equipmentSection(db, schools.map((s) => s.id), year.from, year.to, londonToday(now));
  return schools.map((school) => {
    const r = rows.find((x) => x.schoolId === school.id)!;
    return { school, onLoan: r.onLoan, awaiting: r.awaitingSignature, overdue: r.overdue, lostThisYear: r.lost + r.stolen, owedPence: r.owedPence, leavers: r.leaversWithKit, checksOverdue: r.checksOverdue };
  });
}

/** People of the school who can borrow (for the issue form). */
export async function borrowerOptions(ctx: SchoolContext) {
  return read(ctx, (tx) =>
    tx.membership.findMany({
      where: { schoolId: ctx.school.id, ...activeMembershipWhere() },
      select: { person: { select: { id: true, name: true } }, jobTitle: true },
      orderBy: { person: { name: "asc" } },
    }),
  ).then((rows) => rows.map((r) => ({ id: r.person.id, name: r.person.name, jobTitle: r.jobTitle })));
}

export const kindLabel = (k: AssetKind) => ASSET_KINDS[k].label;

/** The counts for every school of the person's organisation (trust roles: figures only, never names). */
export async function organisationCounts(ctx: SchoolContext, now = new Date()) {
  const schools = await db.school.findMany({
    where: { organisationId: ctx.school.organisationId },
    select: { id: true, name: true, slug: true },
    orderBy: { name: "asc" },
  });
  // Across the organisation's schools: its scope reads them all, and writes none (decisions/0025).
  return runInScope({ organisationId: ctx.school.organisationId }, () => trustCounts(schools, now));
}
