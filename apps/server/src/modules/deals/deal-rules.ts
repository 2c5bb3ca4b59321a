// The group-deal rules that need no database: the status machine, who leads (团长), how many
// joiners count towards the minimum when some of them are one household, and whether a join is
// allowed. The rule for households: a joiner linked to another joiner (same phone, car or
// household) may join and buy, but the linked joiners count ONCE towards the minimum — a deal
// cannot be made to happen by one family joining under several records. The count shown is this
// count; nothing pads it.
import type { ErrorCode } from '../../kernel/errors.ts';
import type { DEAL_OUTCOMES, DEAL_STATUSES } from './deals.tables.ts';

export type DealStatus = (typeof DEAL_STATUSES)[number];
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

const MOVES: Record<DealStatus, readonly DealStatus[]> = {
  draft: ['open', 'cancelled'],
  open: ['settling'],
  settling: ['succeeded', 'failed', 'cancelled'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export const canMove = (from: DealStatus, to: DealStatus): boolean => MOVES[from].includes(to);

export const isFinal = (s: DealStatus): boolean => MOVES[s].length === 0;

export interface Joiner {
  id: string;
  customerId: string;
  joinedAt: Date;
  /** Links recorded at join time to customers who were joiners then. */
  flags: readonly { code: string; customerId: string }[];
}

/** The leader: the earliest joiner still in (by join time, then id); null when nobody is. */
export function leaderOf<J extends Pick<Joiner, 'id' | 'joinedAt'>>(
  active: readonly J[],
): J | null {
  let lead: J | null = null;
  for (const j of active)
    if (
      !lead ||
      j.joinedAt.getTime() < lead.joinedAt.getTime() ||
      (j.joinedAt.getTime() === lead.joinedAt.getTime() && j.id < lead.id)
    )
      lead = j;
  return lead;
}

/**
 * Joiners counted towards the minimum: the number of groups of joiners still in, where two are
 * in one group when one's flags name the other (directly or through others still in). A flag
 * naming someone who left links nothing.
 */
export function countedJoiners(active: readonly Pick<Joiner, 'customerId' | 'flags'>[]): number {
  const parent = new Map<string, string>();
  for (const j of active) parent.set(j.customerId, j.customerId);
  const root = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const j of active)
    for (const f of j.flags)
      if (parent.has(f.customerId)) parent.set(root(j.customerId), root(f.customerId));
  let groups = 0;
  for (const [id] of parent) if (root(id) === id) groups++;
  return groups;
}

/** What the deal comes to when settled now: enough counted joiners, or not. */
export const outcomeOf = (minJoiners: number, counted: number): DealOutcome =>
  counted >= minJoiners ? 'succeeded' : 'failed';

/** Why a join is refused, or null. Seats are joiners (people), not counted groups. */
export function joinRefusal(input: {
  status: DealStatus;
  deadlineAt: Date;
  now: Date;
  maxJoiners: number | null;
  activeJoiners: number;
  alreadyIn: boolean;
}): ErrorCode | null {
  if (input.status !== 'open' || input.now.getTime() >= input.deadlineAt.getTime())
    return 'DEAL_CLOSED';
  if (input.alreadyIn) return 'DEAL_ALREADY_JOINED';
  if (input.maxJoiners !== null && input.activeJoiners >= input.maxJoiners) return 'DEAL_FULL';
  return null;
}

/** Leaving is allowed while the deal is open and before its deadline. */
export const canLeave = (status: DealStatus, deadlineAt: Date, now: Date): boolean =>
  status === 'open' && now.getTime() < deadlineAt.getTime();
