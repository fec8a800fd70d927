import { formatDate } from "@/lib/dates";
import type { Mail } from "@/lib/mail/send";

// Reminder emails carry a link, never the policy text, and never anything about anyone else. The
// escalation goes to the Headteacher and names their own member of staff who has not signed.

export function reminderMail(input: {
  to: { name: string; email: string };
  schoolName: string;
  policyTitle: string;
  versionNumber: number;
  dueOn: Date;
  overdue: boolean;
  link: string;
}): Mail {
  const when = input.overdue ? `It was due on ${formatDate(input.dueOn)}.` : `Please sign it by ${formatDate(input.dueOn)}.`;
  return {
    to: input.to.email,
    subject: `Reminder: please read and sign "${input.policyTitle}"`,
    text:
      `Hello ${input.to.name},\n\n` +
      `${input.schoolName} asks you to read and sign "${input.policyTitle}" (version ${input.versionNumber}). ${when}\n\n` +
      `Read and sign it here (you will be asked to sign in):\n${input.link}\n\n` +
      `If you have already signed it, thank you: you can ignore this email.`,
  };
}

export function escalationMail(input: {
  to: { name: string; email: string };
  schoolName: string;
  person: { name: string };
  policyTitle: string;
  versionNumber: number;
  dueOn: Date;
  remindersSent: number;
  link: string;
  /** "the Headteacher", or "Chair of Governors" when the person who has not signed is the Headteacher. */
  recipientRole: string;
}): Mail {
  return {
    to: input.to.email,
    subject: `Not yet signed after ${input.remindersSent} reminders: "${input.policyTitle}"`,
    text:
      `Hello ${input.to.name},\n\n` +
      `${input.person.name} has not yet signed "${input.policyTitle}" (version ${input.versionNumber}) at ${input.schoolName}. ` +
      `It was due on ${formatDate(input.dueOn)} and ${input.remindersSent} reminders have been sent.\n\n` +
      `See who has signed and who has not (you will be asked to sign in):\n${input.link}\n\n` +
      `You are receiving this as ${input.recipientRole}. You will not be emailed about ${input.person.name} and this version again.`,
  };
}
