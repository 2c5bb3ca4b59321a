import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

// The loading screen is in a file of its own: the first load shows it, and ErrorBlock's status
// pictures (most of this file's weight) load only when a message is shown.
export { LoadingScreen } from './LoadingScreen.tsx';

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
