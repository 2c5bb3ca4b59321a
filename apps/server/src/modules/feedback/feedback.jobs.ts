// The feedback tick (every minute): in each tenant with work due, send the due surveys and
// escalate the SLA breaches — one set-based query (owner connection) finds those tenants.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { sumOverTenants } from '../../jobs/system-ctx.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import { escalateBreaches } from './escalation.ts';
import { sendDueSurveys } from './surveys.ts';

export interface JobDeps {
  database: Database;
  clock: Clock;
  log: Logger;
}

/** The public address survey links start with (the worker sets it from its configuration). */
let linkBase = '';
export const setSurveyLinkBase = (base: string | undefined) => {
  linkBase = (base ?? '').replace(/\/$/, '');
};

export async function runFeedbackTick(deps: JobDeps, only: { tenantId: string } | null = null) {
  const now = deps.clock.now().toISOString();
  const one = only?.tenantId ?? null;
  const surveysSent = await sumOverTenants(
    deps,
    sql`select distinct tenant_id from surveys
        where status = 'scheduled' and due_at <= ${now}::timestamptz
          and (${one}::uuid is null or tenant_id = ${one}::uuid)`,
    (ctx) => sendDueSurveys(ctx, { linkBase }),
  );
  const escalated = await sumOverTenants(
    deps,
    sql`select distinct tenant_id from complaint_tickets
        where ((first_due_at <= ${now}::timestamptz and first_breached_at is null)
            or (resolve_due_at <= ${now}::timestamptz and resolve_breached_at is null))
          and (${one}::uuid is null or tenant_id = ${one}::uuid)`,
    (ctx) => escalateBreaches(ctx),
  );
  if (surveysSent || escalated) deps.log.info({ surveysSent, escalated }, 'feedback tick');
  return { surveysSent, escalated };
}

export const FEEDBACK_JOBS = [
  {
    name: 'feedback.tick',
    cron: '* * * * *',
    handler: (_d: object, deps: JobDeps) => runFeedbackTick(deps).then(() => {}),
  },
];
