import type { Clock } from './clock.ts';
import type { Locale } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Db } from './db.ts';
import type { StaffRole } from './roles.ts';

/** Who is acting: every service call carries one. */
export type Actor =
  | { type: 'staff'; id: string; role: StaffRole; sessionId: string | null }
  | { type: 'api_key'; id: string; role: StaffRole }
  | { type: 'customer'; id: string; sessionId: string | null }
  | { type: 'system'; id: null };

/** The context of one use-case call: tenant, actor, and the transaction scoped to the tenant. */
export interface Ctx {
  tenantId: string;
  actor: Actor;
  /** A transaction in which only `tenantId`'s rows are visible (row-level security). */
  tx: Db;
  clock: Clock;
  locale: Locale;
  requestId: string | null;
  log: Logger;
  /** CSRF token of the caller's session (cookie sessions only). */
  csrfToken?: string | null;
}

/** The staff role of the actor, or null for customers and the system. */
export const actorRole = (actor: Actor): StaffRole | null =>
  actor.type === 'staff' || actor.type === 'api_key' ? actor.role : null;
