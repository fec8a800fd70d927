import type { Permission } from "./permissions";

export type NavItem = { href: string; label: string; description: string };

const ITEMS: { path: string; label: string; description: string; permission: Permission }[] = [
  { path: "", label: "Dashboard", description: "What you can do and must do here", permission: "school:view" },
  { path: "/policies", label: "Policies", description: "Read the school's policies and sign their declarations; for leads, write, publish and track them", permission: "school:view" },
  { path: "/declarations", label: "My declarations", description: "Every policy version you have signed, with PDF copies", permission: "declaration:sign" },
  { path: "/incidents", label: "Incidents", description: "Report an ICT or online-safety concern and follow your reports; for those who deal with them, the register", permission: "incident:report" },
  { path: "/equipment", label: "Equipment", description: "The equipment register: issue kit, take it back, losses, charges, checks and leavers' kit", permission: "equipment:counts" },
  { path: "/my-equipment", label: "My equipment", description: "The kit you hold, the conditions you signed, your receipts; report a loss", permission: "equipment:hold" },
  { path: "/people", label: "People", description: "Staff, volunteers, contractors and governors: add people, change roles, record leavers", permission: "people:read" },
  { path: "/requests", label: "Requests", description: "Ask permission where a policy says \"only with the approval of\"; for approvers, the requests to decide and the register", permission: "request:make" },
  { path: "/audit", label: "Audit log", description: "Every recorded action in this school, with a check that the record is intact", permission: "audit:read" },
  { path: "/filtering", label: "Filtering", description: "Ask for a website or category to be allowed or blocked; for leads, the change log, checks and the annual review", permission: "filtering:request" },
  { path: "/monitoring", label: "Monitoring", description: "Authorisations to access or intercept a member of staff's communications: ask, decide, record the outcome", permission: "monitoring:view" },
  { path: "/governance", label: "Governors' summary", description: "Whether the school does what its ICT policies promise, in figures for the board: no names, no cases", permission: "governance:view" },
  { path: "/organisation/sign-in", label: "Single sign-on", description: "The Microsoft Entra tenants and Google Workspace domains your organisation trusts for signing in", permission: "organisation:sso" },
];

/**
 * Incidents for someone with no membership who still deals with reports here (a trust DPO's breach
 * register, a trust role that receives reports when nobody in the school can): added by the layout.
 */
export const INCIDENTS_FOR_HANDLERS: typeof ITEMS = [{ ...ITEMS.find((i) => i.path === "/incidents")!, permission: "school:view" }];

/** Only what this person's roles allow: the pages check again, this only decides what is shown. */
export function navigationFor(schoolSlug: string, permissions: ReadonlySet<Permission>, extra: typeof ITEMS = []): NavItem[] {
  return [...ITEMS, ...extra]
    .filter((i) => permissions.has(i.permission))
    .map((i) => ({ href: `/s/${schoolSlug}${i.path}`, label: i.label, description: i.description }));
}
