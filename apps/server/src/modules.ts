// The composition root: every module, in the order it is wired. Route plugins register in this
// order, jobs and workers start in it, event handlers and in-transaction hooks run in it. A
// module declares what it plugs in in its own `module.ts`; no index.ts registers anything. (Two
// kinds of definition still record themselves where they are written: a built-in message
// template, with the code that sends it, and a sealed column, next to its table.)
import type { ModuleDef } from './app/module.ts';
import { registerChannelResolver } from './channels/registry.ts';
import { IDEMPOTENCY_JOBS, type RoutePlugin } from './http/route.ts';
import { onEvent } from './jobs/outbox.ts';
import { PLATFORM_JOBS, type JobDef, type Worker } from './jobs/queue.ts';
import { analyticsModule } from './modules/analytics/module.ts';
import { appointmentsModule } from './modules/appointments/module.ts';
import { setInterestScores } from './modules/articles/index.ts';
import { articlesModule } from './modules/articles/module.ts';
import { setAssistantPorts } from './modules/assistant/index.ts';
import { assistantModule } from './modules/assistant/module.ts';
import { auditModule } from './modules/audit/module.ts';
import { automationModule } from './modules/automation/module.ts';
import { catalogModule } from './modules/catalog/module.ts';
import { setRemindNow } from './modules/call-list/index.ts';
import { callListModule } from './modules/call-list/module.ts';
import { campaignsModule } from './modules/campaigns/module.ts';
import { setEventAttendance } from './modules/clubs/index.ts';
import { clubsModule } from './modules/clubs/module.ts';
import { channelSettingsModule } from './modules/channel-settings/module.ts';
import { checkoutModule } from './modules/checkout/module.ts';
import { couponsModule } from './modules/coupons/module.ts';
import { customerStatsModule } from './modules/customer-stats/module.ts';
import { onCustomerMerge } from './modules/customers/index.ts';
import { customersModule } from './modules/customers/module.ts';
import { dealsModule } from './modules/deals/module.ts';
import { paymentsModule } from './modules/payments/module.ts';
import { customerViewModule } from './modules/customer-view/module.ts';
import { eventsModule } from './modules/events/module.ts';
import { openComplaint } from './modules/feedback/index.ts';
import { feedbackModule } from './modules/feedback/module.ts';
import { onPackageCouponRedeemed, setPartnerLookup } from './modules/coupons/index.ts';
import {
  identityAuthenticator,
  onCustomerSignInConsent,
  onCustomerSignInWithReferral,
} from './modules/identity/index.ts';
import { searchHelp } from './modules/help/index.ts';
import { helpModule } from './modules/help/module.ts';
import { identityModule } from './modules/identity/module.ts';
import { importsModule } from './modules/imports/module.ts';
import { onCustomerMessage } from './modules/inbox/index.ts';
import { inboxModule } from './modules/inbox/module.ts';
import { registerContentTags } from './modules/interests/index.ts';
import { interestsModule } from './modules/interests/module.ts';
import { loyaltyModule } from './modules/loyalty/module.ts';
import { magazineModule } from './modules/magazine/module.ts';
import { inspectionsModule } from './modules/inspections/module.ts';
import { mediaModule } from './modules/media/module.ts';
import { messagingModule } from './modules/messaging/module.ts';
import { monitoringModule } from './modules/monitoring/module.ts';
import { registerModerationSubjects } from './modules/moderation/index.ts';
import { moderationModule } from './modules/moderation/module.ts';
import { onboardingModule } from './modules/onboarding/module.ts';
import { partnersModule } from './modules/partners/module.ts';
import { privacyModule } from './modules/privacy/module.ts';
import { receiptsModule } from './modules/receipts/module.ts';
import { referralsModule } from './modules/referrals/module.ts';
import { remindersModule } from './modules/reminders/module.ts';
import { onSegmentDelete } from './modules/segments/index.ts';
import { segmentsModule } from './modules/segments/module.ts';
import { onOrderChange } from './modules/service/index.ts';
import { serviceModule } from './modules/service/module.ts';
import { tenancyModule } from './modules/tenancy/module.ts';
import { vehiclesModule } from './modules/vehicles/module.ts';
import { webhooksModule } from './modules/webhooks/module.ts';
import { workbenchModule } from './modules/workbench/module.ts';

/** Every module, lower before higher (a module builds only on modules listed before it). */
export const MODULES: readonly ModuleDef[] = [
  auditModule,
  tenancyModule,
  customersModule,
  vehiclesModule,
  messagingModule,
  identityModule,
  mediaModule,
  serviceModule,
  customerViewModule,
  appointmentsModule,
  channelSettingsModule,
  inboxModule,
  couponsModule,
  loyaltyModule,
  partnersModule,
  referralsModule,
  checkoutModule,
  catalogModule,
  eventsModule,
  dealsModule,
  paymentsModule,
  moderationModule,
  clubsModule,
  articlesModule,
  magazineModule,
  customerStatsModule,
  importsModule,
  automationModule,
  callListModule,
  assistantModule,
  workbenchModule,
  receiptsModule,
  remindersModule,
  interestsModule,
  segmentsModule,
  campaignsModule,
  onboardingModule,
  privacyModule,
  webhooksModule,
  monitoringModule,
  inspectionsModule,
  feedbackModule,
  helpModule,
  analyticsModule,
];

/** How a credential becomes an actor, for the HTTP layer. */
export const authenticator = identityAuthenticator;

/** Every route plugin, in module order. */
export const ROUTES: readonly RoutePlugin[] = MODULES.flatMap((m) => m.routes ?? []);

/** Every job: the platform's own (outbox, planner statistics, idempotency records), then modules'. */
export const JOBS: readonly JobDef[] = [
  ...PLATFORM_JOBS,
  ...IDEMPOTENCY_JOBS,
  ...MODULES.flatMap((m) => m.jobs ?? []),
];

/** The worker's long-running parts, in module order (stopped in reverse). */
export const WORKERS: readonly Worker[] = MODULES.flatMap((m) => m.workers ?? []);

let wired = false;

/**
 * Wires what runs inside other modules' changes — hooks, event handlers, channels — once per
 * process (the server, the worker, the CLI and the test harness all call it).
 */
export function wireModules(): void {
  if (wired) return;
  wired = true;
  for (const m of MODULES) {
    const h = m.hooks ?? {};
    if (h.customerMerge) onCustomerMerge(h.customerMerge);
    if (h.orderChange) onOrderChange(h.orderChange);
    if (h.customerMessage) onCustomerMessage(h.customerMessage);
    if (h.packageCouponRedeemed) onPackageCouponRedeemed(h.packageCouponRedeemed);
    if (h.segmentInUse) onSegmentDelete(h.segmentInUse);
    if (h.signInWithReferral) onCustomerSignInWithReferral(h.signInWithReferral);
    if (h.signInConsent) onCustomerSignInConsent(h.signInConsent);
    if (h.partnerExists) setPartnerLookup(h.partnerExists);
    if (h.remindNow) setRemindNow(h.remindNow);
    if (h.eventAttendance) setEventAttendance(h.eventAttendance);
    if (h.interestScores) setInterestScores(h.interestScores);
    if (h.moderationSubjects) registerModerationSubjects(h.moderationSubjects);
    if (h.contentTags) registerContentTags(h.contentTags);
    for (const e of m.events ?? []) onEvent(e.type, e.handle);
    for (const c of m.channels ?? []) registerChannelResolver(c.name, c.resolve);
  }
  // The assistant answers from the help center and opens complaints on the service desk, both
  // listed after it: the root hands it their functions, so the assistant imports neither.
  setAssistantPorts({ searchHelp, openComplaint });
}

/**
 * What each module plugs in, in wiring order (`liuke wiring`): its routes (given, as the HTTP app
 * registered them), jobs, event handlers, workers, channels, templates and hooks.
 */
export function describeWiring(routesOf: ReadonlyMap<string, readonly string[]>): string {
  const platform = [...PLATFORM_JOBS, ...IDEMPOTENCY_JOBS].map((j) => j.name);
  const lines: string[] = [
    `0. platform (outbox, planner, idempotency)`,
    `   jobs: ${platform.join(', ')}`,
  ];
  for (const [i, m] of MODULES.entries()) {
    lines.push(`${i + 1}. ${m.name}`);
    const routes = routesOf.get(m.name) ?? [];
    if (routes.length)
      lines.push(`   routes (${routes.length}):`, ...routes.map((r) => `     ${r}`));
    const jobs = (m.jobs ?? []).map((j) => (j.cron ? `${j.name} [${j.cron}]` : j.name));
    if (jobs.length) lines.push(`   jobs: ${jobs.join(', ')}`);
    const events = [...new Set((m.events ?? []).map((e) => e.type))];
    if (events.length) lines.push(`   reacts to: ${events.join(', ')}`);
    if (m.workers?.length) lines.push(`   worker parts: ${m.workers.length}`);
    if (m.channels?.length) lines.push(`   channels: ${m.channels.map((c) => c.name).join(', ')}`);
    if (m.templates?.length)
      lines.push(`   templates: ${m.templates.map((t) => t.key).join(', ')}`);
    const hooks = Object.keys(m.hooks ?? {});
    if (hooks.length) lines.push(`   hooks: ${hooks.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}
