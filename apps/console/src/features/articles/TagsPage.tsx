// 标签: the business's tags (保养, 轮胎…) with how many articles use each; create, rename (the
// slug in URLs and feeds stays), delete one no article uses.
import { useState } from 'react';
import { Form, Input, Typography } from 'antd';
import { TagsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  FormModal,
  RowActions,
  TableCard,
  useAction,
  useLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { canPublish, type Tag } from './articles.ts';

export default function TagsPage() {
  const { t } = useTranslation();
  const keeper = canPublish(useStaff());
  const action = useAction();
  const list = useLoad(() => unwrap(api.GET('/api/v1/staff/article-tags')), []);
  const [editing, setEditing] = useState<Tag | 'new' | null>(null);

  const columns: DataColumn<Tag>[] = [
    { title: t('articles.tagsPage.name'), dataIndex: 'name' },
    {
      title: t('articles.tagsPage.slug'),
      dataIndex: 'slug',
      render: (_, tag) => <Typography.Text code>{tag.slug}</Typography.Text>,
      csv: (tag) => tag.slug,
    },
    { title: t('articles.tagsPage.articles'), dataIndex: 'articles', width: 100 },
    {
      title: '',
      key: 'actions',
      width: 160,
      csv: false,
      render: (_, tag) => (
        <RowActions
          actions={[
            {
              label: t('articles.tagsPage.rename'),
              onClick: () => setEditing(tag),
              hidden: !keeper,
            },
            {
              label: t('articles.tagsPage.delete'),
              danger: true,
              hidden: !keeper,
              loading: action.busy === tag.id,
              confirm: t('articles.tagsPage.deleteConfirm', { name: tag.name }),
              onClick: () =>
                void action
                  .run(
                    tag.id,
                    () =>
                      unwrap(
                        api.DELETE('/api/v1/staff/article-tags/{tagId}', {
                          params: { path: { tagId: tag.id } },
                        }),
                      ),
                    t('articles.tagsPage.deleted'),
                  )
                  .then((r: unknown) => {
                    if (r !== undefined) void list.reload();
                  }),
              testId: 'tag-delete',
            },
          ]}
        />
      ),
    },
  ];

  const tag = editing && editing !== 'new' ? editing : null;
  return (
    <TableCard<Tag>
      title={t('articles.tagsPage.title')}
      icon={<TagsOutlined />}
      add={
        keeper
          ? {
              label: t('articles.tagsPage.add'),
              onClick: () => setEditing('new'),
              testId: 'tag-new',
            }
          : undefined
      }
      error={list.error}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      rowKey="id"
      data-testid="tags-table"
    >
      {editing && (
        <FormModal<{ name: string; slug?: string }, Tag>
          open
          title={t(tag ? 'articles.tagsPage.rename' : 'articles.tagsPage.add')}
          values={{ name: tag?.name ?? '' }}
          fields={['name', 'slug']}
          onSubmit={(v) =>
            tag
              ? unwrap(
                  api.PATCH('/api/v1/staff/article-tags/{tagId}', {
                    params: { path: { tagId: tag.id } },
                    body: { name: v.name },
                  }),
                )
              : unwrap(
                  api.POST('/api/v1/staff/article-tags', {
                    body: { name: v.name, ...(v.slug?.trim() ? { slug: v.slug.trim() } : {}) },
                  }),
                )
          }
          onDone={() => {
            setEditing(null);
            void list.reload();
          }}
          onClose={() => setEditing(null)}
          okTestId="tag-save"
        >
          <Form.Item name="name" label={t('articles.tagsPage.name')} rules={[{ required: true }]}>
            <Input maxLength={20} data-testid="tag-name" />
          </Form.Item>
          {!tag && (
            <Form.Item
              name="slug"
              label={t('articles.tagsPage.slug')}
              extra={t('articles.tagsPage.slugHelp')}
            >
              <Input maxLength={40} placeholder="tyres" />
            </Form.Item>
          )}
        </FormModal>
      )}
    </TableCard>
  );
}
