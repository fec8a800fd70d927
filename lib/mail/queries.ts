import "server-only";
import { db } from "@/lib/db";

export function recentDevMail(take = 50) {
  return db.devMail.findMany({ orderBy: { createdAt: "desc" }, take });
}
