// Planning's last step for an intent: its text rendered per chosen channel — the tenant's own
// text if it has one, else the template's, in the customer's language, with an unsubscribe link
// for marketing — as deliveries: the first leased for sending now, a Web Push fallback waiting
// until the primary is not opened in time, a text that cannot be rendered failed.
import { newId } from '../../kernel/ids.ts';
import type { Channels, Choice } from './channel-choice.ts';
import { iso } from './delivery-rows.ts';
import type { CustomerRow, IntentRow, PlanContext, TenantRow } from './plan-context.ts';
import type { PlanOutput } from './plan-output.ts';
import {
  flatten,
  renderText,
  type BuiltInTemplate,
  type ChannelText,
  type Language,
} from './templates.ts';
import { signUnsubscribe } from './unsubscribe.ts';

export interface RenderStep {
  context: PlanContext;
  out: PlanOutput;
  now: Date;
  leaseUntil: Date;
  publicUrl: string | undefined;
}

interface Subject {
  i: IntentRow;
  customer: CustomerRow | null;
  tenant: TenantRow;
  template: BuiltInTemplate;
}

export function renderDeliveries(
  step: RenderStep,
  s: Subject,
  { chosen, fallback }: Pick<Channels, 'chosen' | 'fallback'>,
) {
  const { i, customer, tenant } = s;
  const values: Record<string, string> = {
    'tenant.name': tenant.name,
    'customer.name': customer?.name ?? '',
    ...flatten(i.data),
  };
  const plan = fallback ? [...chosen, fallback] : chosen;
  let primaryId: string | null = null;
  for (const [n, c] of plan.entries()) {
    const isFallback = !!fallback && n === plan.length - 1;
    const id = newId();
    if (customer && tenant.signing_key && i.purpose === 'marketing')
      values['unsubscribe.url'] =
        `${step.publicUrl ?? ''}/api/v1/public/unsubscribe/${signUnsubscribe(tenant.signing_key, i.tenant_id, customer.id, c.channel)}`;
    const content = render(step, s, c, values, id);
    if (!content) continue;
    if (isFallback) waitAsFallback(step, s, c, { id, primaryId, content });
    else {
      primaryId ??= id;
      lease(step, s, c, id, content);
    }
  }
}

type Content = { subject: string | null; body: string; html: string | null; url: string | null };

const baseRow = (step: RenderStep, i: IntentRow, c: Choice, id: string) => ({
  tenant_id: i.tenant_id,
  id,
  intent_id: i.id,
  customer_id: i.customer_id,
  channel: c.channel,
  provider: c.adapter.provider,
  address: c.address,
  created_at: iso(step.now),
  updated_at: iso(step.now),
});

/** The channel's text rendered, or null after recording a failed delivery. */
function render(
  step: RenderStep,
  { i, customer, template }: Subject,
  c: Choice,
  values: Record<string, string>,
  id: string,
): Content | null {
  const language: Language = customer?.language === 'en' ? 'en' : 'zh-CN';
  const byLang = template.channels[c.channel]!;
  const o = step.context.overrides.get(`${i.tenant_id}:${i.template_key}:${c.channel}:${language}`);
  const text: ChannelText = o
    ? { body: o.body, ...(o.subject ? { subject: o.subject } : {}) }
    : (byLang[language] ?? byLang['zh-CN']);
  const r = renderText(template, c.channel, text, values);
  if (!r.ok) {
    step.out.deliveries.push({
      ...baseRow(step, i, c, id),
      status: 'failed',
      reason: r.reason,
      error: r.error,
      attempts: 0,
    });
    step.out.event(i, 'failed', {
      delivery_id: id,
      channel: c.channel,
      reason: r.reason,
      detail: { error: r.error },
    });
    return null;
  }
  return {
    subject: r.rendered.subject ?? null,
    body: r.rendered.text,
    html: r.rendered.html ?? null,
    url: r.rendered.url ?? null,
  };
}

function waitAsFallback(
  step: RenderStep,
  { i, tenant }: Subject,
  c: Choice,
  { id, primaryId, content }: { id: string; primaryId: string | null; content: Content },
) {
  const at = new Date(step.now.getTime() + (tenant.fallback_minutes ?? 30) * 60_000);
  step.out.deliveries.push({
    ...baseRow(step, i, c, id),
    ...content,
    status: 'waiting',
    attempts: 0,
    next_attempt_at: iso(at),
    fallback_of: primaryId,
  });
  step.out.event(i, 'fallback_scheduled', {
    delivery_id: id,
    channel: c.channel,
    detail: { unlessOpenedBy: primaryId, at: iso(at) },
  });
}

function lease(step: RenderStep, { i }: Subject, c: Choice, id: string, content: Content) {
  step.out.deliveries.push({
    ...baseRow(step, i, c, id),
    ...content,
    status: 'sending',
    attempts: 1,
    lease_until: iso(step.leaseUntil),
    next_attempt_at: iso(step.leaseUntil),
  });
  step.out.work.push({
    tenantId: i.tenant_id,
    deliveryId: id,
    intentId: i.id,
    customerId: i.customer_id,
    channel: c.channel,
    address: c.address,
    purpose: i.purpose,
    ...content,
    ...(i.attachments?.length ? { attachments: i.attachments } : {}),
    attempts: 1,
  });
}
