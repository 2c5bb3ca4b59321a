// "Try a search": what an owner asking this would see, ranked, with each hit's score — how staff
// check that a new entry or synonym group does what they meant.
import { useState } from 'react';
import { Card, Empty, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { ErrorAlert, useDebounced, useLoad } from '../../kit/index.ts';

export function TrySearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [language, setLanguage] = useState<'zh-CN' | 'en'>('zh-CN');
  const query = useDebounced(q.trim(), 250);
  const result = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/help/search', {
          params: { query: { q: query, language, limit: 8 } },
        }),
      ),
    [query, language],
    { enabled: query.length > 0 },
  );
  const hits = query ? (result.data?.hits ?? []) : [];
  return (
    <Card title={t('help.search.title')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input.Search
            placeholder={t('help.search.placeholder')}
            value={q}
            maxLength={200}
            onChange={(e) => setQ(e.target.value)}
            data-testid="help-try-search"
            allowClear
          />
        </Space.Compact>
        <Segmented
          value={language}
          onChange={(v) => setLanguage(v as 'zh-CN' | 'en')}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
        <ErrorAlert error={result.error} />
        {query && !result.loading && hits.length === 0 ? (
          <Empty description={t('help.search.none')} />
        ) : (
          <List
            loading={result.loading}
            dataSource={hits}
            data-testid="help-try-hits"
            renderItem={(h, i) => (
              <List.Item
                extra={<Tag color={i === 0 ? 'green' : undefined}>{h.score.toFixed(2)}</Tag>}
              >
                <List.Item.Meta
                  title={`${i + 1}. ${h.question}`}
                  description={
                    <Typography.Paragraph ellipsis={{ rows: 2 }}>{h.answer}</Typography.Paragraph>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}
