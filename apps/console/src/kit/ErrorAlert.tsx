// The error of a load or a save, shown above (or below) what it concerns; nothing without one.
import type { CSSProperties } from 'react';
import { Alert } from 'antd';

export interface ErrorAlertProps {
  error: string | null | undefined;
  style?: CSSProperties;
  /** The user may close it (e.g. `clearError` of useLoad). */
  onClose?: () => void;
  'data-testid'?: string;
  role?: string;
}

export function ErrorAlert({ error, onClose, ...rest }: ErrorAlertProps) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error}
      {...(onClose ? { closable: { onClose } } : {})}
      {...rest}
    />
  );
}
