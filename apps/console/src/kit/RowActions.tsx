// The small buttons at the end of a table row (edit, delete…), each one line of data: shown or
// not, with a confirmation when it changes something for good.
import type { ReactNode } from 'react';
import { Button, Flex } from 'antd';
import { ConfirmButton } from './ConfirmButton.tsx';

export interface RowAction {
  label: ReactNode;
  icon?: ReactNode;
  onClick: () => void;
  /** Asks this first (the action runs on yes). */
  confirm?: ReactNode;
  /** Not shown (the role may not, or the row's state does not allow it). */
  hidden?: boolean;
  danger?: boolean;
  primary?: boolean;
  disabled?: boolean;
  loading?: boolean;
  testId?: string;
}

export function RowActions({ actions }: { actions: readonly RowAction[] }) {
  const shown = actions.filter((a) => !a.hidden);
  return (
    <Flex gap={8} justify="flex-end" wrap>
      {shown.map((a, i) => {
        const props = {
          size: 'small' as const,
          icon: a.icon,
          danger: a.danger,
          type: a.primary ? ('primary' as const) : undefined,
          disabled: a.disabled,
          loading: a.loading,
          'data-testid': a.testId,
          children: a.label,
        };
        return a.confirm ? (
          <ConfirmButton key={i} {...props} confirm={a.confirm} onConfirm={a.onClick} />
        ) : (
          <Button key={i} {...props} onClick={a.onClick} />
        );
      })}
    </Flex>
  );
}
