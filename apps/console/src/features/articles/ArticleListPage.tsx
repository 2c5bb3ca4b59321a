// 文章: every article with its status (草稿, 待审核, 定时, 已发布, 已下架), author and tags, filtered
// by status (待审核 lists the KOL drafts to review) or text; a row opens the editor.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Flex, Input, Segmented, Tag, Typography } from 'antd';
import { ReadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession } from '../../api.ts';
import { StatusTag, TableCard, useDebounced, useLoad, type DataColumn } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import {
  ARTICLE_STATUSES,
  STATUS_COLORS,
  type ArticleRow,
  type ArticleStatus,
} from './articles.ts';

type Filter = ArticleStatus | 'all';

export default function ArticleListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const [status, setStatus] = useState<Filter>('all');
  const [q, setQ] = useState('');
  const query = useDebounced(q, 300);
  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/articles', {
          params: {
            query: {
              ...(status === 'all' ? {} : { status }),
              ...(query.trim() ? { q: query.trim() } : {}),
            },
          },
        }),
      ),
    [status, query],
  );
  const tags = useLoad(() => unwrap(api.GET('/api/v1/staff/article-tags')), []);
  const tagName = (slug: string) => tags.data?.items.find((x) => x.slug === slug)?.name ?? slug;

  const when = (a: ArticleRow) =>
    a.status === 'scheduled' && a.publishAt
      ? formatDateTime(a.publishAt, tz)
      : a.publishedAt
        ? formatDateTime(a.publishedAt, tz)
        : '';

  const columns: DataColumn<ArticleRow>[] = [
    {
      title: t('articles.column.title'),
      dataIndex: 'title',
      render: (_, a) => (
        <Flex vertical>
          <Link to={`/articles/${a.id}`} data-testid="article-link">
            {a.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.tagSlugs.map((s) => (
              <Tag key={s} bordered={false}>
                {tagName(s)}
              </Tag>
            ))}
            {t('articles.minutes', { count: a.readingMinutes })}
          </Typography.Text>
        </Flex>
      ),
      csv: (a) => a.title,
    },
    {
      title: t('articles.column.author'),
      key: 'author',
      width: 160,
      render: (_, a) => `${a.author.displayName} · ${t(`articles.authorKind.${a.author.kind}`)}`,
      csv: (a) => a.author.displayName,
    },
    {
      title: t('articles.column.status'),
      key: 'status',
      width: 100,
      render: (_, a) => (
        <StatusTag value={a.status} prefix="articles.status" colors={STATUS_COLORS} />
      ),
      csv: (a) => t(`articles.status.${a.status}`),
    },
    {
      title: t('articles.column.when'),
      key: 'when',
      width: 160,
      render: (_, a) => when(a),
      csv: when,
    },
    {
      title: t('articles.column.updatedAt'),
      key: 'updatedAt',
      width: 160,
      render: (_, a) => formatDateTime(a.updatedAt, tz),
      csv: (a) => formatDateTime(a.updatedAt, tz),
    },
  ];

  return (
    <TableCard<ArticleRow>
      title={t('articles.title')}
      icon={<ReadOutlined />}
      add={{
        label: t('articles.add'),
        onClick: () => navigate('/articles/new'),
        testId: 'article-new',
      }}
      extra={
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={t('articles.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 200 }}
          />
          <Segmented<Filter>
            value={status}
            onChange={setStatus}
            options={[
              { value: 'all', label: t('articles.all') },
              ...ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`articles.status.${s}`) })),
            ]}
            data-testid="articles-status"
          />
        </Flex>
      }
      error={list.error}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      locale={{ emptyText: t('articles.empty') }}
      csv={{ filename: 'articles.csv', label: t('articles.exportCsv') }}
      data-testid="articles-table"
    />
  );
}
