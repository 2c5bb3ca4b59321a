// The group-deal messages (transactional): the deal happened (the reward is on the card), or it
// did not (the hold is back in the wallet). Variables are added to messaging's catalogue here.
import type { Ctx } from '../../kernel/context.ts';
import { defineVariables, defineBuiltInTemplate, sendToCustomer } from '../messaging/index.ts';
import type { DealOutcome } from './deal-rules.ts';

defineVariables({
  'deal.title': {
    type: 'string',
    sample: '四条轮胎拼团',
    description: { 'zh-CN': '团购名称', en: 'Group deal title' },
  },
  'deal.amount': {
    type: 'string',
    sample: '¥1680',
    description: { 'zh-CN': '团购价（冻结金额）', en: 'Deal price (the amount held)' },
  },
});

const URL = '/deals';

defineBuiltInTemplate({
  key: 'deal.succeeded',
  name: { 'zh-CN': '拼团成功', en: 'Group deal succeeded' },
  purpose: 'transactional',
  variables: ['deal.title', 'deal.amount'],
  url: URL,
  channels: {
    inapp: {
      'zh-CN': {
        subject: '拼团成功',
        body: '您参加的「{{deal.title}}」已成团，{{deal.amount}} 已从冻结金额中扣款，权益已发放到您的账户。',
      },
      en: {
        subject: 'Group deal succeeded',
        body: '“{{deal.title}}” happened: {{deal.amount}} was taken from your hold and your purchase is on your card.',
      },
    },
    sms: {
      'zh-CN': { body: '【{{tenant.name}}】您参加的「{{deal.title}}」已成团，权益已发放' },
      en: { body: '[{{tenant.name}}] “{{deal.title}}” happened; your purchase is on your card' },
    },
  },
});

defineBuiltInTemplate({
  key: 'deal.failed',
  name: { 'zh-CN': '拼团未成功', en: 'Group deal did not happen' },
  purpose: 'transactional',
  variables: ['deal.title', 'deal.amount'],
  url: URL,
  channels: {
    inapp: {
      'zh-CN': {
        subject: '拼团未成功',
        body: '很遗憾，「{{deal.title}}」未能成团，冻结的 {{deal.amount}} 已全额退回您的储值余额。',
      },
      en: {
        subject: 'Group deal did not happen',
        body: '“{{deal.title}}” did not happen; the {{deal.amount}} held is back in your wallet.',
      },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】「{{deal.title}}」未成团，{{deal.amount}}已退回储值余额',
      },
      en: { body: '[{{tenant.name}}] “{{deal.title}}” did not happen; {{deal.amount}} is back' },
    },
  },
});

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2).replace(/\.00$/, '')}`;

/** Tells a joiner how the deal ended for them (once per participation). */
export async function tellJoiner(
  ctx: Ctx,
  input: {
    participationId: string;
    customerId: string;
    dealId: string;
    title: string;
    amountFen: number;
    /** What happened to this joiner's hold. */
    outcome: DealOutcome | 'released';
  },
) {
  await sendToCustomer(ctx, {
    customerId: input.customerId,
    templateKey: input.outcome === 'succeeded' ? 'deal.succeeded' : 'deal.failed',
    data: { deal: { title: input.title, amount: yuan(input.amountFen) } },
    dedupeKey: `deal.settled:${input.participationId}`,
    priority: 'transactional',
    purpose: 'transactional',
    source: { type: 'system', id: input.dealId },
  });
}
