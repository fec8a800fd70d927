"use server";
import { schoolAction } from "@/lib/authz/action";
import * as schemas from "./schemas";
import * as service from "./service";

// Reporting needs "incident:report" (every member). Handling is not in the permission table: each
// service finds the incident under row-level security and refuses ("not found") anyone who does not
// handle it, so these ask only for standing in the school ("school:view", which organisation roles
// have too, for the reports routed to the trust).

export const reportIncidentAction = schoolAction({
  permission: "incident:report",
  schema: schemas.reportIncidentSchema,
  duringInduction: true,
  run: (ctx, input) => service.reportIncident(ctx, input),
});

export const acknowledgeIncidentAction = schoolAction({
  permission: "school:view",
  schema: schemas.acknowledgeSchema,
  run: (ctx, input) => service.acknowledgeIncident(ctx, input),
});

export const setStatusAction = schoolAction({
  permission: "school:view",
  schema: schemas.setStatusSchema,
  run: (ctx, input) => service.setIncidentStatus(ctx, input),
});

export const setLeadAction = schoolAction({
  permission: "school:view",
  schema: schemas.setLeadSchema,
  run: (ctx, input) => service.setLead(ctx, input),
});

export const addChronologyAction = schoolAction({
  permission: "school:view",
  schema: schemas.chronologySchema,
  run: (ctx, input) => service.addChronologyEntry(ctx, input),
});

export const rerouteIncidentAction = schoolAction({
  permission: "school:view",
  schema: schemas.rerouteSchema,
  run: (ctx, input) => service.rerouteIncident(ctx, input),
});

export const closeIncidentAction = schoolAction({
  permission: "school:view",
  schema: schemas.closeSchema,
  run: (ctx, input) => service.closeIncident(ctx, input),
});

export const reopenIncidentAction = schoolAction({
  permission: "school:view",
  schema: schemas.reopenSchema,
  run: (ctx, input) => service.reopenIncident(ctx, input),
});

export const saveBreachDetailsAction = schoolAction({
  permission: "school:view",
  schema: schemas.breachDetailsSchema,
  run: (ctx, input) => service.saveBreachDetails(ctx, input),
});

export const recordBreachDecisionAction = schoolAction({
  permission: "school:view",
  schema: schemas.breachDecisionSchema,
  run: (ctx, input) => service.recordBreachDecision(ctx, input),
});

export const acknowledgeUrgentAction = schoolAction({
  permission: "school:view",
  schema: schemas.acknowledgeUrgentSchema,
  run: (ctx, input) => service.acknowledgeUrgent(ctx, input),
});
