import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { PDFDocument } from "pdf-lib";
import type { Tx } from "@/lib/db";
import { withScope, scopeOf } from "@/lib/db/scope";
import { record } from "@/lib/audit/record";
import { canonical } from "@/lib/audit/canonical";
import { can, activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import { namesMatch } from "@/lib/policies/content";
import { decodeSignaturePng, SignatureImageError } from "@/lib/declarations/signature";
import { sendMail } from "@/lib/mail/send";
import { formatDate, formatDateTime } from "@/lib/dates";
import type { AssetKind } from "@/generated/prisma/enums";
import { ASSET_KINDS, CHECKS, CONDITIONS_CONFIRMATION, DEFAULT_CHARGE_PENCE, issueRefusal, mayIssueKind, lossIsBreach, formatPence } from "./kinds";
import { previewImport, type ImportPreview } from "./csv";
import { openBreachForLoss } from "./breach";
import { mailPeople, newIncidentMail } from "@/lib/incidents/notify";
import type {
  createAssetSchema, updateAssetSchema, importAssetsSchema, issueLoanSchema, confirmReceiptSchema, recordReturnSchema,
  countersignReturnSchema, reportLossSchema, settleChargeSchema, exitChecklistSchema, recordCheckSchema,
} from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;
export type RequestEvidence = { ip: string | null; userAgent: string | null };
const USER_AGENT_MAX = 512;

/** Every piece of equipment work runs as ict_app with the school set, so row-level security applies. */
function inSchool<T>(ctx: SchoolContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withScope(scopeOf(ctx), fn);
}

function audit(tx: Tx, ctx: SchoolContext, action: string, entityType: string, entityId: string, data: Record<string, unknown> = {}) {
  return record(tx, { schoolId: ctx.school.id, organisationId: ctx.school.organisationId, actorId: ctx.person.id, action, entityType, entityId, data });
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } }; message?: string };
  return err?.code === "P2002" || err?.cause?.code === "23505" || err?.meta?.driverAdapterError?.cause?.originalCode === "23505";
}

// ---------- Settings and conditions ----------

export async function schoolEquipmentSettings(tx: Tx, schoolId: string) {
  const s = await tx.equipmentSettings.findUnique({ where: { schoolId } });
  const overrides = (s?.conditions ?? {}) as Partial<Record<AssetKind, string>>;
  return {
    chargePence: s?.replacementChargePence ?? DEFAULT_CHARGE_PENCE,
    conditionsFor: (kind: AssetKind) => overrides[kind]?.trim() || ASSET_KINDS[kind].conditions,
  };
}

// ---------- Register ----------

export async function createAsset(ctx: SchoolContext, input: Input<typeof createAssetSchema>): Promise<{ id: string }> {
  try {
    return await inSchool(ctx, async (tx) => {
      const asset = await tx.asset.create({ data: { schoolId: ctx.school.id, ...input }, select: { id: true } });
      await audit(tx, ctx, "equipment.asset_added", "Asset", asset.id, { tag: input.tag, kind: input.kind });
      return asset;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError(`Tag ${input.tag} is already on the register.`, "tag", "CONFLICT");
    throw e;
  }
}

export async function updateAsset(ctx: SchoolContext, input: Input<typeof updateAssetSchema>): Promise<{ id: string }> {
  const { assetId, status, ...fields } = input;
  try {
    return await inSchool(ctx, async (tx) => {
      const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "Asset" WHERE id = ${assetId} FOR UPDATE`;
      if (rows.length === 0) throw notFoundError("That asset");
      const current = rows[0].status;
      if (["AWAITING_SIGNATURE", "ON_LOAN"].includes(current) && status !== current)
        throw new DomainError("This asset is on loan: record its return before changing its status.", "status", "CONFLICT");
      if (["LOST", "STOLEN"].includes(current) && status !== "RETIRED")
        throw new DomainError("A lost or stolen asset can only be retired.", "status", "CONFLICT");
      const keep = ["AWAITING_SIGNATURE", "ON_LOAN"].includes(current) ? current : status;
      if (fields.kind === "MEMORY_STICK" && !fields.encrypted && current !== "AVAILABLE" && current !== "RETIRED" && keep !== "RETIRED")
        throw new DomainError("A memory stick in use must stay marked encrypted.", "encrypted");
      await tx.asset.update({ where: { id: assetId }, data: { ...fields, status: keep as never } });
      await audit(tx, ctx, status === "RETIRED" && current !== "RETIRED" ? "equipment.asset_retired" : "equipment.asset_updated", "Asset", assetId, { tag: fields.tag, status: keep });
      return { id: assetId };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError(`Tag ${input.tag} is already on the register.`, "tag", "CONFLICT");
    throw e;
  }
}

export async function previewAssetImport(ctx: SchoolContext, input: Input<typeof importAssetsSchema>): Promise<ImportPreview> {
  return inSchool(ctx, async (tx) => previewImport(input.csv, await existingTags(tx)));
}

async function existingTags(tx: Tx): Promise<Set<string>> {
  // Row-level security keeps this to the school of the transaction.
  const rows = await tx.asset.findMany({ select: { tag: true } });
  return new Set(rows.map((r) => r.tag.toUpperCase()));
}

/** All rows or none: the file is checked again inside the transaction that writes it. */
export async function importAssets(ctx: SchoolContext, input: Input<typeof importAssetsSchema>): Promise<{ imported: number }> {
  return inSchool(ctx, async (tx) => {
    // Two imports at once must not both pass the duplicate check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"equipment-import:" + ctx.school.id}))`;
    const preview = previewImport(input.csv, await existingTags(tx));
    if (!preview.valid) {
      const first = preview.fileError ?? preview.rows.filter((r) => r.errors.length).map((r) => `Line ${r.line}: ${r.errors[0]}`)[0];
      throw new DomainError(`Nothing was imported. ${first}`, "csv");
    }
    await tx.asset.createMany({
      data: preview.rows.map((r) => ({
        schoolId: ctx.school.id, tag: r.tag, kind: r.kind!, make: r.make, model: r.model, serialNumber: r.serialNumber,
        encrypted: r.encrypted, personalData: r.personalData, notes: r.notes,
      })),
    });
    await audit(tx, ctx, "equipment.assets_imported", "School", ctx.school.id, { count: preview.rows.length, tags: preview.rows.map((r) => r.tag) });
    return { imported: preview.rows.length };
  });
}

// ---------- Issuing ----------

export async function issueLoan(ctx: SchoolContext, input: Input<typeof issueLoanSchema>): Promise<{ loanId: string }> {
  const ids = input.items.map((i) => i.assetId);
  if (new Set(ids).size !== ids.length) throw new DomainError("Each item can be chosen once.", "items");
  const canManage = can(ctx, "equipment:manage");
  const result = await inSchool(ctx, async (tx) => {
    const borrower = await tx.membership.findFirst({
      where: { schoolId: ctx.school.id, personId: input.borrowerId, ...activeMembershipWhere() },
      select: { person: { select: { id: true, name: true, email: true } } },
    });
    if (!borrower) throw new DomainError("Choose someone who works at this school.", "borrowerId");
    // Locks each asset row in a fixed order: a second manager issuing the same asset waits here, then
    // finds it no longer available (and the loan_item_rules trigger refuses a second open loan anyway).
    const assets = await tx.$queryRaw<{ id: string; tag: string; kind: AssetKind; encrypted: boolean; status: string }[]>`
      SELECT id, tag, kind::text AS kind, encrypted, status::text AS status FROM "Asset" WHERE id = ANY(${[...ids].sort()}) ORDER BY id FOR UPDATE`;
    if (assets.length !== ids.length) throw new DomainError("One of the items is not on this school's register.", "items");
    const byId = new Map(assets.map((a) => [a.id, a]));
    const settings = await schoolEquipmentSettings(tx, ctx.school.id);
    for (const [i, item] of input.items.entries()) {
      const a = byId.get(item.assetId)!;
      if (!mayIssueKind({ canManage, schoolRoles: ctx.schoolRoles }, a.kind))
        throw new DomainError(`You may issue laptops and tablets only; ask the Business Manager to issue ${a.tag}.`, `items.${i}.assetId`);
      const refusal = issueRefusal(a as never);
      if (refusal) throw new DomainError(refusal, `items.${i}.assetId`, "CONFLICT");
      if (item.mayLeaveSite && ASSET_KINDS[a.kind].offSiteNeedsHeadAgreement) {
        if (!input.headAgreed) throw new DomainError("A camera leaves the site only with the Headteacher's agreement: tick that they agreed.", "headAgreed");
        if (!item.offSiteReason) throw new DomainError("Say why it may leave the site (for example, a school trip).", `items.${i}.offSiteReason`);
      }
    }
    const loan = await tx.loan.create({
      data: { schoolId: ctx.school.id, borrowerId: borrower.person.id, issuedById: ctx.person.id, startDate: input.startDate },
      select: { id: true },
    });
    const head = input.headAgreed
      ? await tx.membership.findFirst({ where: { schoolId: ctx.school.id, roles: { has: "HEADTEACHER" }, ...activeMembershipWhere() }, select: { personId: true } })
      : null;
    for (const item of input.items) {
      const a = byId.get(item.assetId)!;
      const offSite = item.mayLeaveSite && ASSET_KINDS[a.kind].offSiteNeedsHeadAgreement;
      await tx.loanItem.create({
        data: {
          schoolId: ctx.school.id, loanId: loan.id, assetId: a.id, conditions: settings.conditionsFor(a.kind), dueBack: item.dueBack,
          mayLeaveSite: item.mayLeaveSite, offSiteAgreedById: offSite ? (head?.personId ?? ctx.person.id) : null,
          offSiteReason: item.mayLeaveSite ? item.offSiteReason : null,
        },
      });
      await tx.asset.update({ where: { id: a.id }, data: { status: "AWAITING_SIGNATURE" } });
    }
    await audit(tx, ctx, "equipment.issued", "Loan", loan.id, { borrowerId: borrower.person.id, tags: assets.map((a) => a.tag) });
    return { loanId: loan.id, borrower: borrower.person };
  });
  await sendMail({
    to: result.borrower.email,
    subject: `Equipment issued to you at ${ctx.school.name}: please confirm receipt`,
    text: `${ctx.person.name} has issued equipment to you. Please read the conditions and confirm receipt:\n${appUrl()}/s/${ctx.school.slug}/my-equipment/${result.loanId}\n`,
  }).catch((e) => console.error("equipment mail failed", e));
  return { loanId: result.loanId };
}

function appUrl() {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/** What the borrower is shown and signs: the receipt's hash is over exactly this. */
export function receiptContent(loan: {
  id: string; borrowerName: string; startDate: Date;
  items: { id: string; tag: string; kind: AssetKind; make: string; model: string; conditions: string; dueBack: Date | null; mayLeaveSite: boolean; offSiteReason: string | null }[];
}) {
  const items = [...loan.items].sort((a, b) => a.id.localeCompare(b.id)).map((i) => ({
    itemId: i.id, tag: i.tag, line: ASSET_KINDS[i.kind].receiptLine, makeModel: `${i.make} ${i.model}`, conditions: i.conditions,
    dueBack: i.dueBack ? i.dueBack.toISOString().slice(0, 10) : null, mayLeaveSite: i.mayLeaveSite, offSiteReason: i.offSiteReason,
  }));
  const content = { loanId: loan.id, name: loan.borrowerName, startDate: loan.startDate.toISOString().slice(0, 10), confirmation: CONDITIONS_CONFIRMATION, items };
  const wording = [CONDITIONS_CONFIRMATION, ...items.map((i) => `${i.line} ${i.tag} (${i.makeModel})\n${i.conditions}`)].join("\n\n");
  return { content, wording, hash: createHash("sha256").update(canonical(content)).digest("hex") };
}

async function checkSignature(png: string | null): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!png) return null;
  try {
    const bytes = decodeSignaturePng(png);
    await (await PDFDocument.create()).embedPng(bytes);
    return bytes;
  } catch (e) {
    throw new DomainError(e instanceof SignatureImageError ? e.message : "The drawn signature could not be read. Clear it and draw it again.", "signaturePng");
  }
}

async function loadLoanForReceipt(tx: Tx, loanId: string) {
  const loan = await tx.loan.findUnique({
    where: { id: loanId },
    include: { borrower: { select: { id: true, name: true } }, items: { include: { asset: true } }, receipts: { select: { kind: true, returnId: true } } },
  });
  if (!loan) throw notFoundError("That loan");
  return loan;
}

/**
 * The borrower confirms receipt: on their own device (`inPerson` false, they are signed in), or typing
 * their name on the manager's device (`inPerson` true, the manager is signed in and is the witness).
 */
export async function confirmReceipt(
  ctx: SchoolContext,
  input: Input<typeof confirmReceiptSchema>,
  evidence: RequestEvidence,
  opts: { inPerson: boolean },
  now = new Date(),
): Promise<{ receiptId: string; alreadySigned: boolean }> {
  const signature = await checkSignature(input.signaturePng);
  return inSchool(ctx, async (tx) => {
    // Serialises double submissions of one loan's signature.
    await tx.$queryRaw`SELECT 1 FROM "Loan" WHERE id = ${input.loanId} FOR UPDATE`;
    const loan = await loadLoanForReceipt(tx, input.loanId);
    if (!opts.inPerson && loan.borrowerId !== ctx.person.id) throw notFoundError("That loan");
    if (opts.inPerson && !loan.items.every((i) => mayIssueKind({ canManage: can(ctx, "equipment:manage"), schoolRoles: ctx.schoolRoles }, i.asset.kind)))
      throw notFoundError("That loan");
    const existing = await tx.loanReceipt.findFirst({ where: { loanId: loan.id, kind: "ISSUE" }, select: { id: true } });
    if (existing) return { receiptId: existing.id, alreadySigned: true };
    if (!namesMatch(input.typedName, loan.borrower.name))
      throw new DomainError(`Type the borrower's full name as the school has it: ${loan.borrower.name}.`, "typedName");
    const { wording, hash } = receiptContent({
      id: loan.id, borrowerName: loan.borrower.name, startDate: loan.startDate,
      items: loan.items.map((i) => ({ ...i, tag: i.asset.tag, kind: i.asset.kind, make: i.asset.make, model: i.asset.model })),
    });
    const receipt = await tx.loanReceipt.create({
      data: {
        schoolId: ctx.school.id, loanId: loan.id, kind: "ISSUE", contentHash: hash, wording, typedName: input.typedName, signaturePng: signature,
        inPerson: opts.inPerson, witnessId: opts.inPerson ? ctx.person.id : null, signedAt: now, ip: evidence.ip,
        userAgent: evidence.userAgent ? evidence.userAgent.slice(0, USER_AGENT_MAX) : null, authMethod: ctx.person.authMethod,
      },
      select: { id: true },
    });
    const waiting = loan.items.filter((i) => i.status === "AWAITING_SIGNATURE");
    await tx.loanItem.updateMany({ where: { id: { in: waiting.map((i) => i.id) } }, data: { status: "ON_LOAN" } });
    await tx.asset.updateMany({ where: { id: { in: waiting.map((i) => i.assetId) }, status: "AWAITING_SIGNATURE" }, data: { status: "ON_LOAN" } });
    await audit(tx, ctx, "equipment.receipt_signed", "LoanReceipt", receipt.id, { loanId: loan.id, contentHash: hash, inPerson: opts.inPerson, drawnSignature: signature !== null });
    return { receiptId: receipt.id, alreadySigned: false };
  });
}

// ---------- Returns ----------

export async function recordReturn(ctx: SchoolContext, input: Input<typeof recordReturnSchema>): Promise<{ returnId: string }> {
  const canManage = can(ctx, "equipment:manage");
  return inSchool(ctx, async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Loan" WHERE id = ${input.loanId} FOR UPDATE`;
    const loan = await loadLoanForReceipt(tx, input.loanId);
    const items = loan.items.filter((i) => input.itemIds.includes(i.id));
    if (items.length !== new Set(input.itemIds).size) throw new DomainError("Choose items from this loan.", "itemIds");
    for (const i of items) {
      if (!mayIssueKind({ canManage, schoolRoles: ctx.schoolRoles }, i.asset.kind)) throw notFoundError("That loan");
      if (i.status !== "ON_LOAN" && i.status !== "AWAITING_SIGNATURE") throw new DomainError(`${i.asset.tag} is not on loan.`, "itemIds", "CONFLICT");
    }
    const ret = await tx.equipmentReturn.create({
      data: { schoolId: ctx.school.id, loanId: loan.id, receivedById: ctx.person.id, returnedOn: input.returnedOn, condition: input.condition },
      select: { id: true },
    });
    await tx.loanItem.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { status: "RETURNED", returnId: ret.id } });
    await tx.asset.updateMany({ where: { id: { in: items.map((i) => i.assetId) } }, data: { status: "AVAILABLE" } });
    await audit(tx, ctx, "equipment.returned", "EquipmentReturn", ret.id, { loanId: loan.id, tags: items.map((i) => i.asset.tag), condition: input.condition });
    return { returnId: ret.id };
  });
}

export async function countersignReturn(
  ctx: SchoolContext,
  input: Input<typeof countersignReturnSchema>,
  evidence: RequestEvidence,
  opts: { inPerson: boolean },
  now = new Date(),
): Promise<{ receiptId: string; alreadySigned: boolean }> {
  const signature = await checkSignature(input.signaturePng);
  return inSchool(ctx, async (tx) => {
    const ret = await tx.equipmentReturn.findUnique({ where: { id: input.returnId }, include: { items: { include: { asset: true } } } });
    if (!ret) throw notFoundError("That return");
    await tx.$queryRaw`SELECT 1 FROM "Loan" WHERE id = ${ret.loanId} FOR UPDATE`;
    const loan = await loadLoanForReceipt(tx, ret.loanId);
    if (!opts.inPerson && loan.borrowerId !== ctx.person.id) throw notFoundError("That return");
    const existing = await tx.loanReceipt.findFirst({ where: { returnId: ret.id, kind: "RETURN" }, select: { id: true } });
    if (existing) return { receiptId: existing.id, alreadySigned: true };
    if (!namesMatch(input.typedName, loan.borrower.name))
      throw new DomainError(`Type the borrower's full name as the school has it: ${loan.borrower.name}.`, "typedName");
    const content = {
      returnId: ret.id, loanId: loan.id, name: loan.borrower.name, returnedOn: ret.returnedOn.toISOString().slice(0, 10), condition: ret.condition,
      items: ret.items.map((i) => ({ itemId: i.id, tag: i.asset.tag })).sort((a, b) => a.itemId.localeCompare(b.itemId)),
    };
    const wording = `I returned ${content.items.map((i) => i.tag).join(", ")} on ${formatDate(ret.returnedOn)}. Condition: ${ret.condition}`;
    const hash = createHash("sha256").update(canonical(content)).digest("hex");
    const receipt = await tx.loanReceipt.create({
      data: {
        schoolId: ctx.school.id, loanId: loan.id, kind: "RETURN", returnId: ret.id, contentHash: hash, wording, typedName: input.typedName,
        signaturePng: signature, inPerson: opts.inPerson, witnessId: opts.inPerson ? ctx.person.id : null, signedAt: now, ip: evidence.ip,
        userAgent: evidence.userAgent ? evidence.userAgent.slice(0, USER_AGENT_MAX) : null, authMethod: ctx.person.authMethod,
      },
      select: { id: true },
    });
    await audit(tx, ctx, "equipment.return_countersigned", "LoanReceipt", receipt.id, { returnId: ret.id, contentHash: hash, inPerson: opts.inPerson });
    return { receiptId: receipt.id, alreadySigned: false };
  });
}

// ---------- Loss or theft ----------

/**
 * A borrower reports their own item (`asManager` false), or a manager any asset. The charge is owed by
 * the borrower of the open loan, if there is one. A device that may hold personal data or was not
 * encrypted opens a data-breach incident in the same transaction, linked both ways.
 */
export async function reportLoss(
  ctx: SchoolContext,
  input: Input<typeof reportLossSchema>,
  opts: { asManager: boolean },
  now = new Date(),
): Promise<{ lossId: string; incidentId: string | null; chargePence: number }> {
  if (input.occurredAt.getTime() > now.getTime() + 5 * 60_000) throw new DomainError("When it happened cannot be in the future.", "occurredAt");
  const out = await inSchool(ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Asset" WHERE id = ${input.assetId} FOR UPDATE`;
    if (rows.length === 0) throw notFoundError("That asset");
    const asset = await tx.asset.findUniqueOrThrow({ where: { id: input.assetId } });
    const item = await tx.loanItem.findFirst({
      where: { assetId: asset.id, status: { in: ["ON_LOAN", "AWAITING_SIGNATURE"] } },
      include: { loan: { select: { borrowerId: true } } },
    });
    if (!opts.asManager && item?.loan.borrowerId !== ctx.person.id) throw notFoundError("That asset");
    if (asset.status === "LOST" || asset.status === "STOLEN") throw new DomainError(`${asset.tag} has already been reported ${asset.status.toLowerCase()}.`, "assetId", "CONFLICT");
    if (asset.status === "RETIRED") throw new DomainError(`${asset.tag} is retired.`, "assetId", "CONFLICT");
    const settings = await schoolEquipmentSettings(tx, ctx.school.id);
    const charged = !!item;
    const loss = await tx.assetLoss.create({
      data: {
        schoolId: ctx.school.id, assetId: asset.id, loanItemId: item?.id ?? null, kind: input.kind, reportedById: ctx.person.id,
        occurredAt: input.occurredAt, place: input.place, wasEncrypted: input.wasEncrypted, contents: input.contents,
        chargePence: charged ? settings.chargePence : 0, chargeStatus: charged && settings.chargePence > 0 ? "OWED" : "NONE",
      },
      select: { id: true, chargePence: true },
    });
    if (item) await tx.loanItem.update({ where: { id: item.id }, data: { status: "LOST" } });
    await tx.asset.update({ where: { id: asset.id }, data: { status: input.kind } });
    let breach: { incidentId: string; handlerIds: string[] } | null = null;
    if (lossIsBreach({ personalData: asset.personalData, wasEncrypted: input.wasEncrypted })) {
      breach = await openBreachForLoss(tx, ctx, { id: loss.id, ...input }, asset, now);
      await tx.assetLoss.update({ where: { id: loss.id }, data: { incidentId: breach.incidentId } });
    }
    await audit(tx, ctx, "equipment.loss_reported", "AssetLoss", loss.id, {
      assetId: asset.id, tag: asset.tag, kind: input.kind, chargePence: loss.chargePence, incidentId: breach?.incidentId ?? null,
    });
    const managers = await tx.membership.findMany({
      where: { schoolId: ctx.school.id, roles: { has: "BUSINESS_MANAGER" }, ...activeMembershipWhere() },
      select: { person: { select: { email: true } } },
    });
    return { lossId: loss.id, incidentId: breach?.incidentId ?? null, chargePence: loss.chargePence, asset, managers, handlerIds: breach?.handlerIds ?? [] };
  });
  const what = `${ASSET_KINDS[out.asset.kind].label} ${out.asset.tag}`;
  const mails = [
    ...out.managers.map((m) => ({
      to: m.person.email,
      subject: `${what} reported ${input.kind === "STOLEN" ? "stolen" : "lost"} at ${ctx.school.name}`,
      text: [
        `${ctx.person.name} reported ${what} (${out.asset.make} ${out.asset.model}) ${input.kind === "STOLEN" ? "stolen" : "lost"}.`,
        `When: ${formatDateTime(input.occurredAt)}. Where: ${input.place}.`,
        `Encrypted: ${input.wasEncrypted ? "yes" : "no"}.`,
        out.chargePence ? `Replacement charge owed: ${formatPence(out.chargePence)}.` : "",
        out.incidentId ? "A data-breach incident has been opened; the 72-hour clock for the ICO decision is running." : "",
        `${appUrl()}/s/${ctx.school.slug}/equipment/assets/${out.asset.id}`,
      ].filter(Boolean).join("\n"),
    })),
  ];
  for (const m of mails) await sendMail(m).catch((e) => console.error("equipment mail failed", e));
  // The breach's handlers get the incidents' own email: a link, nothing about the report.
  if (out.incidentId) await mailPeople(out.handlerIds, (to) => newIncidentMail(to, ctx.school, out.incidentId!));
  return { lossId: out.lossId, incidentId: out.incidentId, chargePence: out.chargePence };
}

export async function settleCharge(ctx: SchoolContext, input: Input<typeof settleChargeSchema>, now = new Date()): Promise<{ ok: true }> {
  return inSchool(ctx, async (tx) => {
    const loss = await tx.assetLoss.findUnique({ where: { id: input.lossId }, select: { id: true, chargeStatus: true } });
    if (!loss) throw notFoundError("That loss");
    if (loss.chargeStatus !== "OWED") throw new DomainError("There is no charge owed on this loss.", "outcome", "CONFLICT");
    await tx.assetLoss.update({
      where: { id: loss.id },
      data: { chargeStatus: input.outcome, chargeSettledById: ctx.person.id, chargeSettledAt: now, chargeNote: input.note },
    });
    await audit(tx, ctx, input.outcome === "PAID" ? "equipment.charge_paid" : "equipment.charge_waived", "AssetLoss", loss.id, { note: input.note });
    return { ok: true as const };
  });
}

// ---------- Leavers ----------

export async function saveExitChecklist(ctx: SchoolContext, input: Input<typeof exitChecklistSchema>, now = new Date()): Promise<{ complete: boolean }> {
  return inSchool(ctx, async (tx) => {
    const m = await tx.membership.findFirst({ where: { id: input.membershipId, schoolId: ctx.school.id }, select: { id: true, personId: true } });
    if (!m) throw notFoundError("That person");
    const outstanding = await tx.loanItem.count({ where: { status: { in: ["ON_LOAN", "AWAITING_SIGNATURE"] }, loan: { borrowerId: m.personId } } });
    const complete = outstanding === 0 && input.idPassReturned && input.accessFobReturned;
    const data = {
      idPassReturned: input.idPassReturned, accessFobReturned: input.accessFobReturned,
      completedAt: complete ? now : null, completedById: complete ? ctx.person.id : null,
    };
    const row = await tx.exitChecklist.upsert({
      where: { schoolId_membershipId: { schoolId: ctx.school.id, membershipId: m.id } },
      create: { schoolId: ctx.school.id, membershipId: m.id, ...data },
      update: data,
      select: { id: true },
    });
    await audit(tx, ctx, "equipment.exit_checklist_saved", "ExitChecklist", row.id, { membershipId: m.id, idPassReturned: input.idPassReturned, accessFobReturned: input.accessFobReturned, complete });
    return { complete };
  });
}

// ---------- Checks ----------

/**
 * A manager (or the ICT lead, for laptops and tablets) records a check; a holder records the checks that
 * are theirs to make (`asBorrower`: deleting old texts, confirming each year they still hold the kit).
 */
export async function recordCheck(ctx: SchoolContext, input: Input<typeof recordCheckSchema>, opts: { asBorrower: boolean } = { asBorrower: false }, now = new Date()): Promise<{ id: string }> {
  return inSchool(ctx, async (tx) => {
    const asset = await tx.asset.findUnique({ where: { id: input.assetId }, select: { id: true, kind: true } });
    if (!asset) throw notFoundError("That asset");
    if (opts.asBorrower) {
      const held = await tx.loanItem.count({ where: { assetId: asset.id, status: "ON_LOAN", loan: { borrowerId: ctx.person.id } } });
      if (held === 0) throw notFoundError("That asset");
      if (!CHECKS[input.check].byBorrower) throw new DomainError("The Business Manager records this check.", "check");
    } else if (!mayIssueKind({ canManage: can(ctx, "equipment:manage"), schoolRoles: ctx.schoolRoles }, asset.kind)) {
      throw notFoundError("That asset");
    }
    if (!ASSET_KINDS[asset.kind].checks.includes(input.check)) throw new DomainError("That check does not apply to this kind of equipment.", "check");
    const row = await tx.equipmentCheck.create({
      data: { schoolId: ctx.school.id, assetId: asset.id, check: input.check, doneById: ctx.person.id, doneAt: now, note: input.note },
      select: { id: true },
    });
    await audit(tx, ctx, "equipment.check_recorded", "EquipmentCheck", row.id, { assetId: asset.id, check: input.check });
    return row;
  });
}
