// 关键词: the words that hold a piece for review before anyone sees it (matched whatever their
// case, width or spacing); adding one and removing one are logged.
import { useState } from 'react';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  DataTable,
  ErrorAlert,
  RowActions,
  dateTimeColumn,
  useAction,
  useLoad,
  useSubmit,
} from '../../kit/index.ts';
import type { DataColumn } from '../../kit/index.ts';
import type { Keyword } from './moderation.ts';

export function KeywordsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const timeZone = useStaff().tenant.timezone;
  const action = useAction();
  const submit = useSubmit();
  const [word, setWord] = useState('');
  const list = useLoad(() => unwrap(api.GET('/api/v1/staff/moderation/keywords')), []);
  const items = list.data?.items ?? [];

  const add = async () => {
    if (!word.trim()) return;
    const added = await submit.run(() =>
      unwrap(api.POST('/api/v1/staff/moderation/keywords', { body: { word: word.trim() } })),
    );
    if (!added) return;
    setWord('');
    message.success(t('moderation.keywords.added'));
    list.setData((d) => ({ items: [added, ...(d?.items ?? [])] }));
  };
  const remove = async (k: Keyword) => {
    const done = await action.run(
      k.id,
      () =>
        unwrap(
          api.DELETE('/api/v1/staff/moderation/keywords/{keywordId}', {
            params: { path: { keywordId: k.id } },
          }),
        ),
      t('moderation.keywords.removed'),
    );
    if (done !== undefined)
      list.setData((d) => ({ items: (d?.items ?? []).filter((x) => x.id !== k.id) }));
  };

  const columns: DataColumn<Keyword>[] = [
    {
      title: t('moderation.keywords.word'),
      dataIndex: 'word',
      key: 'word',
      render: (w: string) => <Typography.Text strong>{w}</Typography.Text>,
    },
    dateTimeColumn(t('moderation.keywords.createdAt'), (k) => k.createdAt, timeZone),
    {
      title: '',
      key: 'actions',
      width: 100,
      render: (_, k) => (
        <RowActions
          actions={[
            {
              label: t('common.remove'),
              icon: <DeleteOutlined />,
              danger: true,
              confirm: t('moderation.keywords.removeConfirm', { word: k.word }),
              loading: action.busy === k.id,
              testId: 'keyword-remove',
              onClick: () => void remove(k),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Card>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('moderation.keywords.hint')}</Typography.Text>
        <Flex gap={8} wrap>
          <Input
            value={word}
            onChange={(e) => setWord(e.target.value)}
            onPressEnter={() => void add()}
            maxLength={40}
            placeholder={t('moderation.keywords.placeholder')}
            style={{ maxWidth: 280 }}
            data-testid="keyword-input"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            loading={submit.busy}
            disabled={!word.trim()}
            onClick={() => void add()}
            data-testid="keyword-add"
          >
            {t('moderation.keywords.add')}
          </Button>
        </Flex>
        <ErrorAlert error={submit.error ?? list.error} />
        <DataTable<Keyword>
          columns={columns}
          dataSource={items}
          loading={list.loading}
          rowKey="id"
          csv={{ filename: 'keywords.csv', label: t('moderation.csv') }}
          onRow={() => ({ 'data-testid': 'keyword-row' }) as object}
          locale={{ emptyText: t('moderation.keywords.empty') }}
        />
      </Flex>
    </Card>
  );
}
