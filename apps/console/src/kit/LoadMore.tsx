// The "load more" button below a list read a page at a time (usePagedLoad); nothing when the
// last page is in.
import type { CSSProperties, ReactNode } from 'react';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

export interface LoadMoreProps {
  list: { nextCursor: string | null; loading: boolean; more: () => Promise<void> };
  /** Default: 加载更多 (common.loadMore). */
  label?: ReactNode;
  /** A dashed button the table's width, instead of a button in the middle. */
  block?: boolean;
  testId?: string;
  style?: CSSProperties;
}

export function LoadMore({ list, label, block, testId, style }: LoadMoreProps) {
  const { t } = useTranslation();
  if (!list.nextCursor) return null;
  const button = (
    <Button
      block={block}
      type={block ? 'dashed' : undefined}
      loading={list.loading}
      onClick={() => void list.more()}
      data-testid={testId}
    >
      {label ?? t('common.loadMore')}
    </Button>
  );
  if (block) return button;
  return (
    <Flex justify="center" style={{ marginTop: 12, ...style }}>
      {button}
    </Flex>
  );
}
