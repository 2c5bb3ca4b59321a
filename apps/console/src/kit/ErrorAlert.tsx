// The error of a load or a save, shown above (or below) what it concerns; nothing without one.
import type { CSSProperties } from 'react';
import { Alert } from 'antd';

export function ErrorAlert({
  error,
  style,
  onClose,
}: {
  error: string | null | undefined;
  style?: CSSProperties;
  /** The user may close it (e.g. `clearError` of useLoad). */
  onClose?: () => void;
}) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error}
      style={style}
      {...(onClose ? { closable: { onClose } } : {})}
    />
  );
}
