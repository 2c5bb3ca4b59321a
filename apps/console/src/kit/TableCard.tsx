// A page's list: a card with a title (and icon), an add button in its corner, the load error,
// a DataTable (rows keyed by id, no pages unless asked), and whatever goes below it.
import type { CSSProperties, ReactNode } from 'react';
import { Button, Card, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DataTable } from './DataTable.tsx';
import type { DataTableProps } from './DataTable.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { IconTitle } from './IconTitle.tsx';

export interface TableCardProps<T> extends Omit<DataTableProps<T>, 'title'> {
  title: ReactNode;
  icon?: ReactNode;
  /** The primary button in the corner (新建…). */
  add?: { label: ReactNode; onClick: () => void; testId?: string };
  /** More in the corner, before the add button. */
  extra?: ReactNode;
  error?: string | null;
  /** Between the error and the table (filters, a hint). */
  header?: ReactNode;
  /** Below the table (load more, the page's modals). */
  children?: ReactNode;
  cardStyle?: CSSProperties;
  cardTestId?: string;
}

export function TableCard<T extends object>({
  title,
  icon,
  add,
  extra,
  error,
  header,
  children,
  cardStyle,
  cardTestId,
  ...table
}: TableCardProps<T>) {
  const addButton = add && (
    <Button type="primary" icon={<PlusOutlined />} onClick={add.onClick} data-testid={add.testId}>
      {add.label}
    </Button>
  );
  return (
    <Card
      title={icon ? <IconTitle icon={icon}>{title}</IconTitle> : title}
      extra={
        extra && addButton ? (
          <Flex gap={8} wrap>
            {extra}
            {addButton}
          </Flex>
        ) : (
          (extra ?? addButton)
        )
      }
      style={cardStyle}
      data-testid={cardTestId}
    >
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      {header}
      <DataTable<T> {...table} />
      {children}
    </Card>
  );
}
