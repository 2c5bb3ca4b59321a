// The referral tree of one customer (who they brought, and whom those brought), with its size
// and depth; the first two levels open.
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Card, Empty, Flex, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, IconTitle, StatCards, useLoad } from '../../kit/index.ts';
import { formatDay, formatFen } from '../../kit/format.ts';
import { CustomerPicker } from '../customers/index.ts';
import type { CustomerSummary } from '../../types.ts';
import {
  ReferralStatusTag,
  type ReferralNode,
  type ReferralStatus,
  type ReferralTree,
} from './ReferralCommon.tsx';

function toTreeData(
  node: ReferralNode,
  t: (k: string) => string,
  timeZone: string,
  isRoot = false,
): TreeDataNode {
  return {
    key: node.customerId,
    title: (
      <Flex gap={8} align="center" wrap data-testid="referral-tree-node">
        <Link to={`/customers/${node.customerId}`}>
          <Typography.Text strong={isRoot}>{node.name ?? t('customer.unnamed')}</Typography.Text>
        </Link>
        {!isRoot && node.status && <ReferralStatusTag status={node.status as ReferralStatus} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDay(node.joinedAt, timeZone)} · {t('referrals.fission.revenue')}{' '}
          {formatFen(node.revenueFen)}
          {node.children.length > 0
            ? ` · ${t('referrals.fission.directShort')} ${node.children.length}`
            : ''}
        </Typography.Text>
      </Flex>
    ),
    children: node.children.map((c) => toTreeData(c, t, timeZone)),
  };
}

export interface TreeRoot {
  id: string;
  /** Set when chosen in the picker (it shows the whole customer line). */
  picked: CustomerSummary | null;
}

export function ReferralTreeCard({
  root,
  onPick,
}: {
  root: TreeRoot | null;
  onPick(r: TreeRoot | null): void;
}) {
  const { t } = useTranslation();
  const timeZone = useStaff().tenant.timezone;
  const rootId = root?.id ?? null;
  const { data, loading, error } = useLoad<ReferralTree>(
    () =>
      unwrap(
        api.GET('/api/v1/staff/referrals/tree', {
          params: { query: { customerId: rootId ?? '' } },
        }),
      ),
    [rootId],
    { enabled: !!rootId },
  );
  const tree = rootId ? (data ?? null) : null;

  const treeData = useMemo(
    () => (tree ? [toTreeData(tree.root, t, timeZone, true)] : []),
    [tree, t, timeZone],
  );
  // A KOL's tree can hold a hundred people: open the first two levels, the rest on a click.
  const openKeys = useMemo(() => {
    if (!tree) return [];
    return [tree.root.customerId, ...tree.root.children.map((c) => c.customerId)];
  }, [tree]);

  return (
    <Card
      title={<IconTitle icon={<ApartmentOutlined />}>{t('referrals.fission.treeTitle')}</IconTitle>}
      data-testid="referral-tree"
    >
      <Flex vertical gap={12}>
        <div style={{ maxWidth: 420 }}>
          <CustomerPicker
            value={root?.picked ?? null}
            onChange={(c) => onPick(c ? { id: c.id, picked: c } : null)}
            testId="referral-tree-customer"
          />
        </div>
        <ErrorAlert error={error} />
        {loading && <Spin />}
        {!loading && tree && (
          <>
            <StatCards
              gap={32}
              items={[
                {
                  title: t('referrals.fission.treeSize'),
                  value: tree.size,
                  valueTestId: 'referral-tree-size',
                },
                {
                  title: t('referrals.fission.treeDepth'),
                  value: tree.depth,
                  valueTestId: 'referral-tree-depth',
                },
              ]}
            />
            {tree.root.children.length === 0 ? (
              <Empty description={t('referrals.fission.treeEmpty')} />
            ) : (
              <div style={{ maxHeight: 560, overflow: 'auto' }}>
                <Tree
                  key={tree.root.customerId}
                  treeData={treeData}
                  defaultExpandedKeys={openKeys}
                  selectable={false}
                  showLine
                  blockNode
                />
              </div>
            )}
          </>
        )}
        {!root && (
          <Typography.Text type="secondary">{t('referrals.fission.treeHint')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
