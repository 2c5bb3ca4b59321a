// The lines of a service order (labour and parts) with their totals; while the order is open
// the desk adds lines from the price list or by hand, edits and removes them.
import type { ReactNode } from 'react';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ClockCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ConfirmButton, DataTable } from '../../kit/index.ts';
import { EMPTY, formatFen } from '../../kit/format.ts';
import type { ServiceOrder, ServiceOrderItem } from './orders.ts';
import { useFormatHours } from './technicians.tsx';

export function ServiceOrderItemsCard({
  order,
  editable,
  onAdd,
  onEdit,
  onEditWork,
  onRemove,
  fromCatalog,
}: {
  order: ServiceOrder;
  editable: boolean;
  /** The price-list search, shown above the lines while they can be edited. */
  fromCatalog?: ReactNode;
  onAdd(): void;
  onEdit(item: ServiceOrderItem): void;
  /** A completed order's line: its technician and labour time (prices are closed). */
  onEditWork?: (item: ServiceOrderItem) => void;
  onRemove(item: ServiceOrderItem): void;
}) {
  const { t } = useTranslation();
  const hours = useFormatHours();
  const open = order.status === 'open';
  const columns: TableColumnsType<ServiceOrderItem> = [
    {
      title: t('serviceOrders.item.kind'),
      key: 'kind',
      width: 72,
      render: (_, i) => (
        <Tag color={i.kind === 'part' ? 'geekblue' : 'green'}>
          {t(`serviceOrders.kind.${i.kind}`)}
        </Tag>
      ),
    },
    {
      title: t('serviceOrders.item.category'),
      key: 'category',
      width: 100,
      render: (_, i) => t(`serviceOrders.category.${i.category}`),
    },
    { title: t('serviceOrders.item.description'), dataIndex: 'description', key: 'description' },
    {
      title: t('serviceOrders.item.partNumber'),
      key: 'partNumber',
      width: 150,
      render: (_, i) =>
        i.partNumber ? (
          <Typography.Text style={{ fontFamily: 'monospace' }}>{i.partNumber}</Typography.Text>
        ) : (
          EMPTY
        ),
    },
    {
      title: t('serviceOrders.item.quantity'),
      dataIndex: 'quantity',
      key: 'quantity',
      width: 70,
      align: 'right',
    },
    {
      title: t('serviceOrders.item.unitPrice'),
      key: 'unitPrice',
      width: 110,
      align: 'right',
      render: (_, i) => formatFen(i.unitPriceFen),
    },
    {
      title: t('workshop.lineTechnician'),
      key: 'technician',
      width: 120,
      render: (_, i) =>
        i.technicianName ??
        (order.technicianName ? (
          <Typography.Text type="secondary">
            {order.technicianName} ({t('workshop.lead')})
          </Typography.Text>
        ) : (
          EMPTY
        )),
    },
    {
      title: t('workshop.labourHoursShort'),
      key: 'labour',
      width: 90,
      align: 'right',
      render: (_, i) => (
        <span data-testid="item-labour-hours">
          {i.kind === 'labour' ? hours(i.labourMinutes) : EMPTY}
        </span>
      ),
    },
    {
      title: t('serviceOrders.item.amount'),
      key: 'amount',
      width: 120,
      align: 'right',
      render: (_, i) => <Typography.Text strong>{formatFen(i.amountFen)}</Typography.Text>,
    },
  ];
  if (onEditWork && !editable)
    columns.push({
      title: '',
      key: 'work',
      width: 56,
      render: (_, i) => (
        <Button
          type="text"
          size="small"
          icon={<ClockCircleOutlined />}
          aria-label={t('workshop.work')}
          title={t('workshop.work')}
          onClick={() => onEditWork(i)}
          data-testid="item-work"
        />
      ),
    });
  if (editable)
    columns.push({
      title: '',
      key: 'actions',
      width: 96,
      render: (_, i) => (
        <Flex gap={4}>
          <Button
            type="text"
            size="small"
            icon={<EditOutlined />}
            aria-label={t('common.edit')}
            onClick={() => onEdit(i)}
            data-testid="item-edit"
          />
          <ConfirmButton
            confirm={t('serviceOrders.item.removeConfirm')}
            onConfirm={() => onRemove(i)}
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('serviceOrders.item.remove')}
            data-testid="item-remove"
          />
        </Flex>
      ),
    });

  return (
    <Card
      title={t('serviceOrders.items')}
      extra={
        editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid="item-add">
            {t('serviceOrders.item.add')}
          </Button>
        )
      }
    >
      {!open && order.status !== 'cancelled' && (
        <Alert
          type="info"
          showIcon
          title={t('serviceOrders.lockedHint')}
          style={{ marginBottom: 12 }}
        />
      )}
      {editable && fromCatalog}
      <DataTable<ServiceOrderItem>
        size="middle"
        columns={columns}
        dataSource={order.items}
        locale={{ emptyText: t('serviceOrders.noItems') }}
        onRow={() => ({ 'data-testid': 'order-item-row' }) as object}
        summary={() => (
          <Table.Summary>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={columns.length} align="right">
                <Flex justify="flex-end" gap={24} align="baseline">
                  <Typography.Text type="secondary">
                    {t('serviceOrders.labour')} {formatFen(order.labourFen)}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('serviceOrders.parts')} {formatFen(order.partsFen)}
                  </Typography.Text>
                  <Typography.Text>
                    {t('serviceOrders.total')}{' '}
                    <Typography.Text
                      strong
                      style={{ fontSize: 20 }}
                      data-testid="order-total"
                      data-fen={order.totalFen}
                    >
                      {formatFen(order.totalFen)}
                    </Typography.Text>
                  </Typography.Text>
                </Flex>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Card>
  );
}
