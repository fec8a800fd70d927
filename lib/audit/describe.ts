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
  "declaration.sealed": "Sealed a declaration PDF",
  "document.verified": "Checked a PDF on /verify",
};

export function describeAction(action: string): string {
  return ACTIONS[action] ?? action;
}
