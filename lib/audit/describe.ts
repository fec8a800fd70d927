// Plain words for the audit page; an unknown action is shown as recorded.
const ACTIONS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.magic_link_requested": "Asked for a sign-in link",
  "auth.signed_out_everywhere": "Signed out everywhere",
  "person.added": "Added a person",
  "person.roles_changed": "Changed roles",
  "person.marked_leaver": "Marked as leaver",
  "person.suspended": "Suspended an account",
  "person.reinstated": "Reinstated an account",
  "policy.created": "Created a policy",
  "policy.draft_updated": "Edited a policy draft",
  "policy.draft_discarded": "Discarded a policy draft",
  "policy.version_started": "Started a new policy version",
  "policy.version_published": "Published a policy version",
  "policy.settings_changed": "Changed policy settings",
  "policy.reminder_sent": "Sent a signing reminder",
  "policy.reminder_escalated": "Told the Headteacher about an unsigned policy",
  "declaration.signed": "Signed a policy",
  // Incidents: the row names the report by id only; its handlers open it from the register.
  "incident.reported": "Made a report",
  "incident.read": "Opened a report",
  "incident.acknowledged": "Acknowledged a report",
  "incident.status_changed": "Changed a report's status",
  "incident.lead_set": "Set a report's lead handler",
  "incident.chronology_added": "Added to a report's chronology",
  "incident.rerouted": "Re-routed a report",
  "incident.closed": "Closed a report",
  "incident.reopened": "Reopened a report",
  "incident.urgent_acknowledged": "Acknowledged an urgent report",
  "incident.breach_details_saved": "Recorded a data breach's details",
  "incident.breach_decided": "Recorded a data breach decision",
  "declaration.sealed": "Sealed a declaration PDF",
  "document.verified": "Checked a PDF on /verify",
  // Permission requests: the row names the request by id and kind, and the hash of what was decided.
  "request.submitted": "Asked for permission",
  "request.answered": "Answered a question on a request",
  "request.withdrawn": "Withdrew a request",
  "request.approved": "Approved a request",
  "request.declined": "Declined a request",
  "request.more_info_asked": "Asked for more information on a request",
  "request.acknowledged": "Acknowledged a notification",
  "request.expired": "A permission reached its end date",
  // Monitoring authorisations: by id only, and only for those who may see the authorisation.
  "monitoring.requested": "Asked for a monitoring authorisation",
  "monitoring.approved": "Approved a monitoring authorisation",
  "monitoring.declined": "Declined a monitoring authorisation",
  "monitoring.ended": "Ended a monitoring authorisation",
  "monitoring.lapsed": "A monitoring request lapsed undecided",
  "monitoring.outcome_recorded": "Recorded a monitoring outcome",
  // Staff import (docs/decisions/0021-staff-import.md)
  "people.imported": "Imported staff from the MIS",
  "person.appointment_changed": "Changed staff group, job title or start date",
  // Single sign-on (lib/sso)
  "auth.sso_linked": "Linked a Microsoft or Google account",
  "auth.sso_unlinked": "Unlinked a Microsoft or Google account",
  "auth.sso_link_refused": "Refused to link a Microsoft or Google account",
  "organisation.sso_tenant_trusted": "Trusted a tenant for single sign-on",
  "organisation.sso_tenant_removed": "Stopped trusting a tenant for single sign-on",
  // MFA (docs/decisions/0022-mfa-totp.md)
  "auth.mfa_setup_started": "Started setting up an authenticator app",
  "auth.mfa_enrolled": "Set up an authenticator app",
  "auth.mfa_verified": "Gave an authenticator code at sign-in",
  "auth.mfa_failed": "Gave a wrong authenticator code",
  "auth.mfa_locked": "Refused authenticator codes after too many wrong ones",
  "auth.mfa_reset": "Reset someone's authenticator app",
  // Filtering and monitoring (docs/decisions/0018-filtering.md)
  "filtering.requested": "Asked for a filtering change",
  "filtering.authorised": "Authorised a filtering change",
  "filtering.refused": "Refused a filtering change",
  "filtering.made": "Recorded who made a filtering change",
  "filtering.confirmed": "Confirmed a filtering change (DSL)",
  "filtering.review_keep": "Reviewed a filtering change: keep",
  "filtering.review_revert": "Reviewed a filtering change: revert",
  "filtering.reverted": "Marked a filtering change reverted",
  "filtering.check_recorded": "Recorded a filtering check",
  "filtering.responsible_people_set": "Named the people responsible for filtering and monitoring",
  "filtering.annual_review_recorded": "Recorded the annual filtering and monitoring review",
};

export function describeAction(action: string): string {
  return ACTIONS[action] ?? action;
}

/** The actions the audit page offers as a filter, by their plain words. */
export const ACTION_OPTIONS: { value: string; label: string }[] = Object.entries(ACTIONS)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
