// A member as the browser gets it: the members page renders these, and the member actions return them.
import type { Member } from "./members";
import type { Role } from "./permissions";

export interface MemberRow {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  /** ISO 8601: dates cross to client components as text. */
  joinedAt: string;
}

export function toMemberRow(member: Member): MemberRow {
  return { ...member, joinedAt: member.joinedAt.toISOString() };
}
