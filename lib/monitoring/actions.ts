"use server";
import { schoolAction } from "@/lib/authz/action";
import * as schemas from "./schemas";
import * as service from "./service";

// Asking needs "monitoring:request" (Head, DSL, ICT lead), deciding "monitoring:decide" (the Chair, the
// trust's administrator and CEO); the service and the database then decide whether this person may decide
// this one. Recording the outcome is for whoever may see it (its requester and deciders): RLS decides.

export const requestAuthorisationAction = schoolAction({
  permission: "monitoring:request",
  schema: schemas.requestSchema,
  run: (ctx, input) => service.requestAuthorisation(ctx, input),
});

export const decideAuthorisationAction = schoolAction({
  permission: "monitoring:decide",
  schema: schemas.decideSchema,
  run: (ctx, input) => service.decideAuthorisation(ctx, input),
});

export const recordOutcomeAction = schoolAction({
  permission: "monitoring:view",
  schema: schemas.outcomeSchema,
  run: (ctx, input) => service.recordOutcome(ctx, input),
});
