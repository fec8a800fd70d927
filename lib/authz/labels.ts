import type { SchoolRole, OrgRole, StaffGroup } from "@/generated/prisma/enums";

export const SCHOOL_ROLE_LABELS: Record<SchoolRole, string> = {
  HEADTEACHER: "Headteacher",
  DEPUTY_HEAD: "Deputy Head",
  DSL: "Designated Safeguarding Lead",
  DEPUTY_DSL: "Deputy DSL",
  ICT_LEAD: "ICT lead",
  BUSINESS_MANAGER: "Business Manager",
  DPO: "Data Protection Officer",
  CHAIR_OF_GOVERNORS: "Chair of Governors",
  GOVERNOR: "Governor",
  STAFF: "Staff",
};

export const ORG_ROLE_LABELS: Record<OrgRole, string> = {
  TRUST_ADMIN: "Trust administrator",
  TRUST_ICT_LEAD: "Trust ICT lead",
  TRUST_DPO: "Trust DPO",
  CEO: "Chief Executive",
  TRUSTEE: "Trustee",
};

export const STAFF_GROUP_LABELS: Record<StaffGroup, string> = {
  TEACHER: "Teacher",
  TEACHING_ASSISTANT: "Teaching assistant",
  SUPPORT: "Support staff",
  OFFICE: "Office staff",
  SUPPLY: "Supply / agency",
  VOLUNTEER: "Volunteer",
  CONTRACTOR: "Contractor",
  GOVERNOR: "Governor",
  VISITOR: "Visitor",
};
