// The words of seeds 000, 001 and 003 for what may be monitored and why, as plain data.
import type { MonitoringKind, MonitoringGround, MonitoringStatus } from "@/generated/prisma/enums";

export const KIND_LABELS: Record<MonitoringKind, string> = {
  EMAIL: "Email",
  INTERNET_HISTORY: "Internet history",
  FILES: "Files",
  PHONE_RECORDS: "Phone records",
};

// Seed 000, "Monitoring": the only circumstances in which communications may be accessed or intercepted.
export const GROUND_LABELS: Record<MonitoringGround, string> = {
  SUSPECTED_CRIME: "Evidence of suspected crime",
  UNAUTHORISED_USE: "Unauthorised or unlawful use of the school's systems",
  SYSTEM_SECURITY: "The security of the school's hardware, software, networks and systems",
  ABSENT_USER_ACCESS: "Access to communications while the user is absent from work",
};

export const STATUS_LABELS: Record<MonitoringStatus, string> = {
  AWAITING: "Awaiting a decision",
  APPROVED: "Approved",
  DECLINED: "Declined",
  ENDED: "Ended",
  LAPSED: "Lapsed without a decision",
};

export const STATUS_TONES: Record<MonitoringStatus, "neutral" | "warning" | "success" | "danger"> = {
  AWAITING: "warning",
  APPROVED: "success",
  DECLINED: "danger",
  ENDED: "neutral",
  LAPSED: "neutral",
};

/** The longest authorisation, counting its first and last day (the database says the same). */
export const MAX_DAYS = 30;
