// The error of a load or a save, shown above (or below) what it concerns; nothing without one.
import type { CSSProperties } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ErrorAlertProps {
  error: string | null | undefined;
  style?: CSSProperties;
  /** The user may close it (e.g. `clearError` of useLoad). */
  onClose?: () => void;
  /** A 重试 button (e.g. `reload` of useLoad). */
  onRetry?: () => void;
  'data-testid'?: string;
  role?: string;
}

export function ErrorAlert({ error, onClose, onRetry, ...rest }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error}
      {...(onClose ? { closable: { onClose } } : {})}
      {...(onRetry
        ? {
            action: (
              <Button size="small" onClick={onRetry}>
                {t('common.retry')}
              </Button>
            ),
          }
        : {})}
      {...rest}
    />
  );
}
