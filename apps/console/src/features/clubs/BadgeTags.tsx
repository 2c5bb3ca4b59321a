// A member's badges as tags (车主认证·大众, 老客户, 活动达人, 意见领袖, 组织者).
import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { EMPTY } from '../../kit/format.ts';
import { BADGE_COLORS, type Badge } from './clubs.ts';

export function badgeText(b: Badge, t: (key: string) => string): string {
  return b.make ? `${t(`clubs.badge.${b.code}`)}·${b.make}` : t(`clubs.badge.${b.code}`);
}

export function BadgeTags({ badges, empty = true }: { badges: readonly Badge[]; empty?: boolean }) {
  const { t } = useTranslation();
  if (!badges.length) return empty ? EMPTY : null;
  return (
    <Flex gap={4} wrap>
      {badges.map((b) => (
        <Tag
          key={`${b.code}${b.make ?? ''}`}
          color={BADGE_COLORS[b.code]}
          style={{ marginInlineEnd: 0 }}
          data-testid="club-badge"
        >
          {badgeText(b, t)}
        </Tag>
      ))}
    </Flex>
  );
}
