// Matched items, newest first: crisis alerts (舆情预警) marked red, rule matches with their rule
// and terms; a filter for crisis only.
import { useState } from 'react';
import { Alert, Flex, Segmented, Space, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { PagedTable, dateTimeColumn, usePagedLoad } from '../../kit/index.ts';
import type { DataColumn } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { KIND_COLOR, type Match } from './monitoring.ts';

type Filter = 'all' | 'crisis' | 'rules';

export function MatchesTab() {
  const { t } = useTranslation();
  const tz = useStaff().tenant.timezone;
  const [filter, setFilter] = useState<Filter>('all');
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/monitoring/matches', {
          params: {
            query: {
              ...(filter === 'all' ? {} : { crisis: filter === 'crisis' ? 'true' : 'false' }),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [filter],
  );
  const crises = list.items.filter((m) => m.crisis).length;
  const ruleLabel = (m: Match) =>
    m.rule?.name ??
    t(m.crisis ? 'monitoring.matches.crisisRule' : 'monitoring.matches.deletedRule');

  const columns: DataColumn<Match>[] = [
    {
      title: t('monitoring.matches.item'),
      key: 'item',
      render: (_, m) => (
        <Space direction="vertical" size={2} data-testid={m.crisis ? 'crisis-match' : 'rule-match'}>
          <Space size={4} wrap>
            {m.crisis && (
              <Tag color="red" icon={<WarningOutlined />}>
                {t('monitoring.matches.crisis')}
              </Tag>
            )}
            {m.item.link ? (
              <Typography.Link href={m.item.link} target="_blank" rel="noopener noreferrer" strong>
                {m.item.title}
              </Typography.Link>
            ) : (
              <Typography.Text strong>{m.item.title}</Typography.Text>
            )}
          </Space>
          {m.item.summary && (
            <Typography.Paragraph
              type="secondary"
              ellipsis={{ rows: 2 }}
              style={{ marginBottom: 0 }}
            >
              {m.item.summary}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.item.author ? `${m.item.author} · ` : ''}
            {formatDateTime(m.item.publishedAt, tz)}
          </Typography.Text>
        </Space>
      ),
      csv: (m) => m.item.title,
    },
    {
      title: t('monitoring.matches.feed'),
      key: 'feed',
      width: 180,
      render: (_, m) => <Tag color={KIND_COLOR[m.feed.kind]}>{m.feed.name}</Tag>,
      csv: (m) => m.feed.name,
    },
    {
      title: t('monitoring.matches.why'),
      key: 'why',
      width: 240,
      render: (_, m) => (
        <Space direction="vertical" size={2}>
          <Typography.Text>{ruleLabel(m)}</Typography.Text>
          <Flex wrap gap={4}>
            {m.terms.map((term) => (
              <Tag key={term} color={m.crisis ? 'red' : 'gold'}>
                {term}
              </Tag>
            ))}
          </Flex>
        </Space>
      ),
      csv: (m) => `${ruleLabel(m)}: ${m.terms.join(' ')}`,
    },
    {
      title: t('monitoring.matches.notified'),
      key: 'notified',
      width: 120,
      render: (_, m) =>
        m.notifiedAt ? (
          <Tag color="success">{t('monitoring.matches.sent')}</Tag>
        ) : (
          <Typography.Text type="secondary">
            {t(`monitoring.delivery.${m.delivery}`)}
          </Typography.Text>
        ),
      csv: (m) =>
        m.notifiedAt ? t('monitoring.matches.sent') : t(`monitoring.delivery.${m.delivery}`),
    },
    dateTimeColumn(t('monitoring.matches.at'), (m) => m.createdAt, tz),
  ];

  return (
    <Flex vertical gap={12}>
      {filter !== 'rules' && crises > 0 && (
        <Alert
          type="error"
          showIcon
          message={t('monitoring.matches.crisisBanner', { count: crises })}
          data-testid="crisis-banner"
        />
      )}
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={(['all', 'crisis', 'rules'] as const).map((v) => ({
          value: v,
          label: t(`monitoring.matches.filter.${v}`),
        }))}
        style={{ alignSelf: 'flex-start' }}
      />
      <PagedTable<Match>
        list={list}
        columns={columns}
        onRow={(m) => (m.crisis ? { style: { background: '#fff1f0' } } : {})}
        csv={{ filename: 'monitoring-matches.csv', label: t('monitoring.csv') }}
        scroll={{ x: 900 }}
      />
    </Flex>
  );
}
