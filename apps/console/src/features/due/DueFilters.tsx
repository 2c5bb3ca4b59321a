// The due-list's window and store filters, shared by the due page and the call list (which lists
// the same cars one row each); a page adds its own filters after them.
import type { ReactNode } from 'react';
import { Flex, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../api.ts';
import type { DueWindow } from './DueCommon.tsx';

export function DueFilters({
  windows,
  window,
  onWindow,
  storeId,
  onStore,
  testIds,
  children,
}: {
  windows: readonly DueWindow[];
  window: DueWindow;
  onWindow: (w: DueWindow) => void;
  storeId: string | undefined;
  onStore: (id: string | undefined) => void;
  testIds: { window: string; store?: string };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <Segmented<DueWindow>
        data-testid={testIds.window}
        value={window}
        onChange={onWindow}
        options={windows.map((w) => ({ value: w, label: t(`due.window.${w}`) }))}
      />
      <Select
        allowClear
        placeholder={t('due.allStores')}
        style={{ width: 160 }}
        value={storeId}
        onChange={onStore}
        options={staff.stores.map((s) => ({ value: s.id, label: s.name }))}
        data-testid={testIds.store}
      />
      {children}
    </Flex>
  );
}
