// Questions the assistant answers from the owners' read functions, for this owner only: points,
// stored value, coupons, what each car needs next, opening hours and address, part prices (from
// the price list; a part it cannot price becomes a request for staff), and the FAQ via the port.
import { getOpeningHours } from '../appointments/index.ts';
import { nextDueItem } from '../automation/index.ts';
import { listCatalogItems } from '../catalog/index.ts';
import { validCouponCount } from '../coupons/index.ts';
import { getLoyaltySummary } from '../loyalty/index.ts';
import { recordAction } from './actions.ts';
import { ownerCars, ownerStore } from './owner-data.ts';
import { assistantPorts } from './ports.ts';
import { pick, R, yuan } from './replies.ts';
import { EMPTY_STATE, type Turn, type TurnResult } from './turn-types.ts';

const done = (text: string): TurnResult => ({ text, state: EMPTY_STATE });

export async function pointsAnswer(turn: Turn): Promise<TurnResult> {
  const s = await getLoyaltySummary(turn.ctx, turn.customerId);
  const { available, pending, expiringSoon } = s.points;
  const zh = [`您当前可用积分 ${available} 分`];
  const en = [`You have ${available} points to spend`];
  if (pending) {
    zh.push(`另有 ${pending} 分待生效`);
    en.push(`${pending} more pending`);
  }
  if (expiringSoon) {
    const before = expiringSoon.before.slice(0, 10);
    zh.push(`其中 ${expiringSoon.amount} 分将在 ${before} 前过期`);
    en.push(`${expiringSoon.amount} expire before ${before}`);
  }
  return done(pick(turn.lang, zh.join('，') + '。', en.join(', ') + '.'));
}

export async function storedValueAnswer(turn: Turn): Promise<TurnResult> {
  const s = await getLoyaltySummary(turn.ctx, turn.customerId);
  const { balanceFen, principalFen, bonusFen } = s.storedValue;
  const packages = s.packages.map((p) => `${p.name} ${p.remaining}/${p.total}`);
  const zh =
    `您的储值余额 ${yuan(balanceFen)}（本金 ${yuan(principalFen)}，赠送 ${yuan(bonusFen)}）。` +
    (packages.length ? `计次卡剩余：${packages.join('、')}。` : '');
  const en =
    `Your stored value is ${yuan(balanceFen)} (${yuan(principalFen)} paid, ${yuan(bonusFen)} bonus).` +
    (packages.length ? ` Packages left: ${packages.join(', ')}.` : '');
  return done(pick(turn.lang, zh, en));
}

export async function couponsAnswer(turn: Turn): Promise<TurnResult> {
  const n = await validCouponCount(turn.ctx, turn.customerId);
  return done(
    n
      ? pick(
          turn.lang,
          `您有 ${n} 张可用优惠券，可在「我的-优惠券」查看和出示。`,
          `You have ${n} coupons to use; see them under "Me → Coupons".`,
        )
      : pick(turn.lang, '您目前没有可用的优惠券。', 'You have no coupons to use right now.'),
  );
}

export async function dueAnswer(turn: Turn): Promise<TurnResult> {
  const cars = await ownerCars(turn.ctx, turn.customerId);
  if (!cars.length) return done(R.noCar(turn.lang));
  const lines: string[] = [];
  for (const car of cars.slice(0, 3)) {
    const next = await nextDueItem(turn.ctx, car.id, turn.customerId);
    const name = car.plate ?? car.label;
    if (!next) lines.push(pick(turn.lang, `${name}：暂无到期项目`, `${name}: nothing due`));
    else
      lines.push(
        pick(
          turn.lang,
          `${name}：${next.label} ${next.dueDate}${next.status === 'overdue' ? '（已逾期）' : ''}`,
          `${name}: ${next.label} on ${next.dueDate}${next.status === 'overdue' ? ' (overdue)' : ''}`,
        ),
      );
  }
  const tail = pick(
    turn.lang,
    '\n需要预约请回复「预约保养」。',
    '\nReply "book a service" to book.',
  );
  return done(lines.join('\n') + tail);
}

const WEEKDAYS = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

export async function hoursAnswer(turn: Turn): Promise<TurnResult> {
  const store = await ownerStore(turn.ctx, turn.customerId);
  if (!store) return done(R.notUnderstood(turn.lang));
  const { days } = await getOpeningHours(turn.ctx, store.id);
  const names = WEEKDAYS[turn.lang];
  const open = days.filter((d) => d.capacity > 0 || d.opensAt !== d.closesAt);
  const lines = open.map((d) => `${names[d.weekday]} ${d.opensAt}–${d.closesAt}`);
  const closed = names.filter((_, i) => !open.some((d) => d.weekday === i));
  const text = pick(
    turn.lang,
    `${store.name}营业时间：\n${lines.join('\n')}${closed.length ? `\n${closed.join('、')}休息` : ''}`,
    `${store.name} is open:\n${lines.join('\n')}${closed.length ? `\nClosed: ${closed.join(', ')}` : ''}`,
  );
  return done(text);
}

export async function directionsAnswer(turn: Turn): Promise<TurnResult> {
  const store = await ownerStore(turn.ctx, turn.customerId);
  if (!store) return done(R.notUnderstood(turn.lang));
  const address = store.address ?? pick(turn.lang, '（地址未登记）', '(no address on file)');
  const phone = store.phone
    ? pick(turn.lang, `，电话 ${store.phone}`, `, phone ${store.phone}`)
    : '';
  return done(
    pick(
      turn.lang,
      `${store.name}地址：${address}${phone}。`,
      `${store.name}: ${address}${phone}.`,
    ),
  );
}

/** A price from the price list at the owner's store; otherwise a request for staff to answer. */
export async function partPriceAnswer(turn: Turn): Promise<TurnResult> {
  const store = await ownerStore(turn.ctx, turn.customerId);
  const part = turn.u.part ?? turn.text.trim();
  const { items } = store
    ? await listCatalogItems(turn.ctx, {
        q: part.slice(0, 80),
        storeId: store.id,
        status: 'active',
        limit: 3,
      })
    : { items: [] };
  if (items.length) {
    const lines = items.map((i) => `${i.name} ${yuan(i.effectivePriceFen)}`);
    return done(
      pick(
        turn.lang,
        `${store!.name}的价格：\n${lines.join('\n')}\n实际以到店检查为准。`,
        `Prices at ${store!.name}:\n${lines.join('\n')}\nThe final price depends on the car.`,
      ),
    );
  }
  await recordAction(turn.ctx, {
    conversationId: turn.conversationId,
    customerId: turn.customerId,
    kind: 'part_request',
    summary: `询价：${part}`,
    details: { part, storeId: store?.id ?? null },
  });
  return {
    text: pick(
      turn.lang,
      `价目表里没有找到「${part}」，已请顾问为您查询报价，请稍候。`,
      `"${part}" is not on our price list; I have asked an advisor to quote it for you.`,
    ),
    state: EMPTY_STATE,
    handover: { reason: 'outside_abilities', note: `price asked: ${part}` },
  };
}

/** The FAQ's best answer via the help port; null when there is none (or no port). */
export async function faqAnswer(turn: Turn): Promise<TurnResult | null> {
  const search = assistantPorts().searchHelp;
  if (!search) return null;
  const { hits } = await search(turn.ctx, {
    query: turn.text.slice(0, 200),
    language: turn.lang,
    limit: 1,
  });
  const hit = hits[0];
  return hit ? done(hit.answer) : null;
}
