import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Badge } from '../club-api.ts';
import { badgeLabel } from '../club-format.ts';

const COLOR: Record<Badge['code'], string> = {
  make_owner: 'primary',
  regular: 'success',
  event_goer: 'warning',
  kol: '#7c3aed',
  organiser: '#0f766e',
};

/** A member's badges as small tags (车主认证, 老客户, 活动达人, 意见领袖, 组织者). */
export function ClubBadges({ badges }: { badges: readonly Badge[] }) {
  const { t } = useTranslation();
  if (badges.length === 0) return null;
  return (
    <span className="club-badges" data-testid="club-badges">
      {badges.map((b) => (
        <Tag key={b.code} color={COLOR[b.code]} fill="outline" data-badge={b.code}>
          {badgeLabel(t, b)}
        </Tag>
      ))}
    </span>
  );
}
