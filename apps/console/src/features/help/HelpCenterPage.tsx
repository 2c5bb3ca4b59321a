// 帮助中心: the FAQ owners search in the app. Entries (both languages, draft or published, with
// how many owners found each helpful), categories in order, synonym groups, and a search box
// showing what an owner would get.
import { useState } from 'react';
import { Col, Row, Select, Tabs, Tag } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  RowActions,
  StatCards,
  TableCard,
  useAction,
  useLoad,
  type DataColumn,
} from '../../kit/index.ts';
import { CategoriesPanel } from './CategoriesPanel.tsx';
import { EntryModal } from './EntryModal.tsx';
import { canEditHelp, type HelpEntry } from './help.ts';
import { SynonymsPanel } from './SynonymsPanel.tsx';
import { TrySearch } from './TrySearch.tsx';

function EntriesPanel() {
  const { t } = useTranslation();
  const keeper = canEditHelp(useStaff());
  const action = useAction();
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const categories = useLoad(() => unwrap(api.GET('/api/v1/staff/help/categories')), []);
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/staff/help/entries', { params: { query: { categoryId } } })),
    [categoryId],
  );
  const [editing, setEditing] = useState<HelpEntry | 'new' | null>(null);
  const names = new Map((categories.data?.items ?? []).map((c) => [c.id, c.nameZh]));
  const items = list.data?.items ?? [];
  const columns: DataColumn<HelpEntry>[] = [
    { title: t('help.entry.questionZh'), dataIndex: 'questionZh' },
    { title: t('help.entry.questionEn'), dataIndex: 'questionEn', responsive: ['xl'] },
    {
      title: t('help.entry.category'),
      key: 'category',
      width: 130,
      render: (_, e) => (e.categoryId ? names.get(e.categoryId) : '—'),
      csv: (e) => (e.categoryId ? (names.get(e.categoryId) ?? '') : ''),
    },
    {
      title: t('help.entry.status'),
      dataIndex: 'status',
      width: 90,
      render: (_, e) => (
        <Tag color={e.status === 'published' ? 'green' : undefined}>
          {t(`help.status.${e.status}`)}
        </Tag>
      ),
      csv: (e) => t(`help.status.${e.status}`),
    },
    { title: t('help.entry.helpfulYes'), dataIndex: 'helpfulYes', width: 80 },
    { title: t('help.entry.helpfulNo'), dataIndex: 'helpfulNo', width: 80 },
    {
      title: '',
      key: 'actions',
      width: 150,
      csv: false,
      render: (_, e) => (
        <RowActions
          actions={[
            { label: t('help.edit'), onClick: () => setEditing(e), hidden: !keeper },
            {
              label: t('help.delete'),
              danger: true,
              hidden: !keeper,
              loading: action.busy === e.id,
              confirm: t('help.entry.deleteConfirm'),
              onClick: () =>
                void action
                  .run(e.id, () =>
                    unwrap(
                      api.DELETE('/api/v1/staff/help/entries/{entryId}', {
                        params: { path: { entryId: e.id } },
                      }),
                    ),
                  )
                  .then(() => list.reload()),
            },
          ]}
        />
      ),
    },
  ];
  const yes = items.reduce((s, e) => s + e.helpfulYes, 0);
  const no = items.reduce((s, e) => s + e.helpfulNo, 0);
  return (
    <>
      <StatCards
        items={[
          { title: t('help.stats.entries'), value: items.length },
          {
            title: t('help.stats.published'),
            value: items.filter((e) => e.status === 'published').length,
          },
          {
            title: t('help.stats.helpful'),
            value: yes + no ? `${Math.round((yes / (yes + no)) * 100)}%` : '—',
          },
        ]}
      />
      <TableCard<HelpEntry>
        title={t('help.entries')}
        icon={<QuestionCircleOutlined />}
        add={
          keeper
            ? {
                label: t('help.entry.new'),
                onClick: () => setEditing('new'),
                testId: 'help-entry-new',
              }
            : undefined
        }
        extra={
          <Select
            allowClear
            placeholder={t('help.entry.allCategories')}
            style={{ width: 180 }}
            value={categoryId}
            onChange={setCategoryId}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.nameZh }))}
          />
        }
        error={list.error}
        columns={columns}
        dataSource={items}
        loading={list.loading}
        rowKey="id"
        csv={{ filename: 'help-entries', label: t('help.csv') }}
        data-testid="help-entries-table"
      >
        {editing && (
          <EntryModal
            entry={editing === 'new' ? null : editing}
            categories={categories.data?.items ?? []}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void list.reload();
              void categories.reload();
            }}
          />
        )}
      </TableCard>
    </>
  );
}

export default function HelpCenterPage() {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Tabs
          items={[
            { key: 'entries', label: t('help.entries'), children: <EntriesPanel /> },
            { key: 'categories', label: t('help.categories'), children: <CategoriesPanel /> },
            { key: 'synonyms', label: t('help.synonyms'), children: <SynonymsPanel /> },
          ]}
        />
      </Col>
      <Col xs={24} xl={8}>
        <TrySearch />
      </Col>
    </Row>
  );
}
