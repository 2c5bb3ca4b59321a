// What a record's page shows until its record is in: a skeleton while it loads, "not found"
// with the way back, or the error with a retry; and the link back to the list.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Result, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Loaded } from './useLoad.ts';

/** ← the list the record belongs to. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to}>
      <ArrowLeftOutlined /> {children}
    </Link>
  );
}

export function NotLoaded({
  loaded,
  notFound,
  back,
  testId,
  rows = 6,
}: {
  loaded: Pick<Loaded<unknown>, 'error' | 'notFound' | 'reload'>;
  /** The title when the record does not exist (or is not visible). */
  notFound: ReactNode;
  back: ReactNode;
  testId?: string;
  /** Lines of the skeleton. */
  rows?: number;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      {!loaded.error ? (
        <Card>
          <Skeleton active paragraph={{ rows }} />
        </Card>
      ) : loaded.notFound ? (
        <Result status="404" title={notFound} extra={back} />
      ) : (
        <Result
          status="error"
          title={loaded.error}
          extra={[
            <Button key="retry" type="primary" onClick={() => void loaded.reload()}>
              {t('common.retry')}
            </Button>,
            <span key="back">{back}</span>,
          ]}
        />
      )}
    </div>
  );
}
