// A button that asks first (antd Popconfirm): for actions that change or remove something.
import type { ReactNode } from 'react';
import { Button, Popconfirm } from 'antd';
import type { ButtonProps } from 'antd';

export interface ConfirmButtonProps extends Omit<ButtonProps, 'onClick'> {
  /** The question. */
  confirm: ReactNode;
  onConfirm: () => void;
  /** The confirming OK as a danger button (default: as the button). */
  okDanger?: boolean;
}

export function ConfirmButton({
  confirm,
  onConfirm,
  okDanger,
  danger,
  ...button
}: ConfirmButtonProps) {
  return (
    <Popconfirm
      title={confirm}
      onConfirm={onConfirm}
      okButtonProps={(okDanger ?? danger) ? { danger: true } : undefined}
    >
      <Button danger={danger} {...button} />
    </Popconfirm>
  );
}
