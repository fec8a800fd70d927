import type { Period } from "./period";
import { periodQueryString } from "./schemas";

export const governancePath = (slug: string) => `/s/${slug}/governance`;
export const trustGovernancePath = (slug: string) => `/s/${slug}/governance/trust`;
/** The board pack of the school, or (`trust`) of its trust, for the same period. */
export const packPath = (slug: string, format: "pdf" | "csv", period: Period, trust = false) =>
  `/s/${slug}/governance/pack.${format}?${periodQueryString(period)}${trust ? "&scope=trust" : ""}`;
