// What a module plugs into the application, declared in its own `module.ts` and wired by the
// composition root (`src/modules.ts`) in one stated order. A module's `index.ts` stays its
// public surface only (functions, types, read models) and registers nothing.
import type { ChannelName } from '../channels/port.ts';
import type { ChannelResolver } from '../channels/registry.ts';
import type { RoutePlugin } from '../http/route.ts';
import type { EventHandler } from '../jobs/outbox.ts';
import type { JobDef, Worker } from '../jobs/queue.ts';
import type { Ctx } from '../kernel/context.ts';

/** Two customer records became one: move what the module keeps of the duplicate first. */
export type CustomerMergeHook = (
  ctx: Ctx,
  merge: { survivorId: string; duplicateId: string },
) => Promise<void>;

/**
 * The car owner wrote in their conversation with the business (the message already stored). Runs
 * in the message's transaction, inside a savepoint: a hook that fails is undone on its own and
 * the owner's message is kept.
 */
export type CustomerMessageHook = (
  ctx: Ctx,
  message: { conversationId: string; customerId: string; messageId: string; body: string },
) => Promise<void>;

/** A service order was opened or changed status (its row already written). */
export type OrderChangeHook = (
  ctx: Ctx,
  change: { orderId: string; customerId: string },
) => Promise<void>;

/** A package coupon was redeemed: the package goes on the customer's card. */
export type PackageCouponHook = (
  ctx: Ctx,
  redeemed: {
    customerId: string;
    couponId: string;
    name: string;
    uses: number;
    validDays: number | null;
  },
) => Promise<unknown>;

/** Answers whether a segment is in use (a segment in use cannot be deleted). */
export type SegmentUsageCheck = (ctx: Ctx, segmentId: string) => Promise<boolean>;

/**
 * A sign-in carrying a referral code: it runs once the code is proven right and before it is used
 * up (throwing an AppError refuses the sign-in); the function it answers runs once the customer
 * is known, in the same transaction.
 */
export type SignInReferralHook = (
  ctx: Ctx,
  s: { phone: string; referralCode: string },
) => Promise<(customerId: string) => Promise<void>>;

/**
 * Send the car's reminder now, as its automatic rule would (the call list's "send now"): the
 * rule's template and data, through messaging (consent, quiet hours, caps). Answers null when the
 * car has nothing a reminder rule covers.
 */
export type RemindNowHook = (
  ctx: Ctx,
  car: { vehicleId: string; customerId: string; dedupeKey: string },
) => Promise<{ intentId: string; deduplicated: boolean; templateKey: string } | null>;

/**
 * A car owner's code request or sign-in with the privacy policy version they accepted: throwing
 * an AppError refuses it (none, or not the current one); the function it answers records the
 * consent once the customer is known, in the same transaction.
 */
export type SignInConsentHook = (
  ctx: Ctx,
  s: { acceptedVersion: string | null },
) => Promise<(customerId: string) => Promise<void>>;

/** What moderation decides about a piece of user text (the owner keeps it on its own row). */
export type ModerationState = 'visible' | 'held' | 'hidden';

/** A piece of user text as a moderator sees it, whoever owns it (a club post, a comment…). */
export interface ModerationSubjectView {
  kind: string;
  id: string;
  authorCustomerId: string | null;
  /** What the piece belongs to (e.g. the club), if anything. */
  scopeId: string | null;
  scopeName: string | null;
  text: string;
  imageUrls: string[];
  state: ModerationState;
  createdAt: Date;
}

/** How moderation reads and decides one kind of subject, answered by the module that owns it. */
export interface ModerationSubjectHandler {
  /** The subjects as a moderator sees them (missing ids absent). */
  load(ctx: Ctx, ids: readonly string[]): Promise<ModerationSubjectView[]>;
  /** Applies a decision to the owner's rows. */
  setState(ctx: Ctx, ids: readonly string[], state: 'visible' | 'hidden'): Promise<void>;
  /** Weight of a report by this customer (member 1; organiser/KOL more, e.g. 3), or null when
   *  the customer cannot see the subject (not a member of a private club, hidden…). */
  reportWeight(ctx: Ctx, subjectId: string, customerId: string): Promise<number | null>;
  /** Ids of the visible subjects the customer wrote, in a scope or anywhere (scopeId null). */
  visibleByAuthor(ctx: Ctx, customerId: string, scopeId: string | null): Promise<string[]>;
}

/** kind → handler; a module that owns subjects declares them in its module.ts hooks. */
export type ModerationSubjects = Readonly<Record<string, ModerationSubjectHandler>>;

/** In-transaction reactions to another module's change, run by that module in the root's order. */
export interface ModuleHooks {
  customerMerge?: CustomerMergeHook;
  orderChange?: OrderChangeHook;
  /** The owner wrote in their conversation (offered by inbox; the assistant answers). */
  customerMessage?: CustomerMessageHook;
  packageCouponRedeemed?: PackageCouponHook;
  segmentInUse?: SegmentUsageCheck;
  signInWithReferral?: SignInReferralHook;
  signInConsent?: SignInConsentHook;
  /** Whether a partner merchant exists (coupon templates may name one). */
  partnerExists?: (ctx: Ctx, partnerId: string) => Promise<boolean>;
  /** Sends a car's reminder now (offered by the call list, answered by reminders). */
  remindNow?: RemindNowHook;
  /** The kinds of user text the module owns, which moderation reads, hides and restores. */
  moderationSubjects?: ModerationSubjects;
  /** Events attended (checked in) per customer, for car clubs' badges (answered by events). */
  eventAttendance?: (ctx: Ctx, customerIds: readonly string[]) => Promise<Map<string, number>>;
  /** Tag slugs of pieces of content by `${type}:${id}` (e.g. `article:<uuid>`), answered by the
   *  modules that own content (articles; the magazine). Unknown refs are absent. */
  contentTags?: (
    ctx: Ctx,
    refs: readonly { type: string; id: string }[],
  ) => Promise<Map<string, string[]>>;
  /** A customer's interest per tag slug (0–1); empty when they switched personalisation off
   *  (answered by interests). */
  interestScores?: (ctx: Ctx, customerId: string) => Promise<Map<string, number>>;
}

export interface ModuleDef {
  /** The module's folder under `modules/`. */
  name: string;
  /** Route plugins, registered under the API. */
  routes?: readonly RoutePlugin[];
  /** Queued and scheduled jobs the worker runs. */
  jobs?: readonly JobDef[];
  /** Reactions to committed domain events (at least once; handlers are idempotent). */
  events?: readonly { type: string; handle: EventHandler }[];
  /** Long-running parts of the worker (delivery loops, subscriptions needing the worker's deps). */
  workers?: readonly Worker[];
  /** Channels the module carries (the in-app inbox, the providers of configured channels). */
  channels?: readonly { name: ChannelName; resolve: ChannelResolver }[];
  /** Built-in message templates of the module that no code path of its own loads. */
  templates?: readonly { key: string }[];
  hooks?: ModuleHooks;
}
