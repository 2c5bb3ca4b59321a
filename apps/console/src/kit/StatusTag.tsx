// A status (or kind) shown as a coloured tag, its words from the locale: `${prefix}.${value}`.
import type { CSSProperties } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function StatusTag<S extends string>({
  value,
  prefix,
  colors,
  testId,
  style,
}: {
  value: S;
  /** The locale key before the value (`campaigns.status`). */
  prefix: string;
  colors: Partial<Record<S, string>>;
  testId?: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[value] ?? 'default'} data-testid={testId} style={style}>
      {t(`${prefix}.${value}`, { defaultValue: value })}
    </Tag>
  );
}
