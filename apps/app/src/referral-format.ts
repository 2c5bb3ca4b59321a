// Words for referral rewards, and copying text on a phone (the clipboard API needs a secure
// context; plain http in a shop's LAN falls back to a selected textarea).
import type { TFunction } from 'i18next';
import { formatFen } from './format.ts';
import type { Reward, RewardKind } from './referral-api.ts';

/** "¥200" for whole yuan, else "¥199.50" (amounts in rules and offers read shorter). */
export function formatYuan(fen: number): string {
  return fen % 100 === 0 ? formatFen(fen).replace(/\.00$/, '') : formatFen(fen);
}

/** "500 积分", "¥30 储值", "优惠券「洗车券」". */
export function rewardText(
  t: TFunction,
  reward: { kind: RewardKind; amount: number },
  couponName?: string | null,
): string {
  switch (reward.kind) {
    case 'points':
      return t('referrals.reward.points', { amount: reward.amount.toLocaleString('zh-CN') });
    case 'stored_value':
      return t('referrals.reward.stored_value', { amount: formatYuan(reward.amount) });
    case 'coupon':
      return couponName
        ? t('referrals.reward.couponNamed', { name: couponName })
        : t('referrals.reward.coupon');
    default:
      return t('referrals.reward.none');
  }
}

export const hasReward = (reward: Reward | undefined): reward is Reward =>
  !!reward && reward.kind !== 'none' && (reward.kind === 'coupon' || reward.amount > 0);

/** Copies text; true when it worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused: try the old way below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
