import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** Full-page loading spinner. */
export function LoadingScreen() {
  const { t } = useTranslation();
  return (
    <div className="status-screen" role="status" aria-live="polite">
      <SpinLoading color="primary" />
      <span className="muted">{t('common.loading')}</span>
    </div>
  );
}

/** Full-page message (no business, business not found, offline) with an optional retry. */
export function MessageScreen({
  title,
  description,
  onRetry,
  status = 'default',
}: {
  title: string;
  description: string;
  onRetry?: () => void;
  status?: 'default' | 'disconnected' | 'empty';
}) {
  const { t } = useTranslation();
  return (
    <div className="status-screen">
      <ErrorBlock status={status} title={title} description={description}>
        {onRetry && (
          <Button color="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </ErrorBlock>
    </div>
  );
}

/** Inline error for a block that failed to load. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorBlock status="disconnected" title={message} description="" className="inline-error">
      <Button size="small" color="primary" fill="outline" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </ErrorBlock>
  );
}
