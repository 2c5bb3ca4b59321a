// Synonym groups: words search reads as one (保养 = 维护 = 养护); the first term is the one the
// others are read as. A term belongs to one group only.
import { useState } from 'react';
import { Form, Select, Space, Tag } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
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
import { canEditHelp, type HelpSynonymGroup } from './help.ts';

export function SynonymsPanel() {
  const { t } = useTranslation();
  const keeper = canEditHelp(useStaff());
  const action = useAction();
  const list = useLoad(() => unwrap(api.GET('/api/v1/staff/help/synonyms')), []);
  const [editing, setEditing] = useState<HelpSynonymGroup | 'new' | null>(null);
  const columns: DataColumn<HelpSynonymGroup>[] = [
    {
      title: t('help.synonym.terms'),
      key: 'terms',
      render: (_, g) => (
        <Space size={4} wrap>
          {g.terms.map((term, i) => (
            <Tag key={term} color={i === 0 ? 'blue' : undefined}>
              {term}
            </Tag>
          ))}
        </Space>
      ),
      csv: (g) => g.terms.join(' = '),
    },
    {
      title: '',
      key: 'actions',
      width: 150,
      csv: false,
      render: (_, g) => (
        <RowActions
          actions={[
            { label: t('help.edit'), onClick: () => setEditing(g), hidden: !keeper },
            {
              label: t('help.delete'),
              danger: true,
              hidden: !keeper,
              loading: action.busy === g.id,
              confirm: t('help.synonym.deleteConfirm'),
              onClick: () =>
                void action
                  .run(g.id, () =>
                    unwrap(
                      api.DELETE('/api/v1/staff/help/synonyms/{synonymId}', {
                        params: { path: { synonymId: g.id } },
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
  const group = editing && editing !== 'new' ? editing : null;
  const save = (v: { terms: string[] }) =>
    group
      ? unwrap(
          api.PUT('/api/v1/staff/help/synonyms/{synonymId}', {
            params: { path: { synonymId: group.id } },
            body: { terms: v.terms },
          }),
        )
      : unwrap(api.POST('/api/v1/staff/help/synonyms', { body: { terms: v.terms } }));
  return (
    <TableCard<HelpSynonymGroup>
      title={t('help.synonyms')}
      icon={<SwapOutlined />}
      add={keeper ? { label: t('help.synonym.new'), onClick: () => setEditing('new') } : undefined}
      error={list.error}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      rowKey="id"
      csv={{ filename: 'help-synonyms', label: t('help.csv') }}
    >
      {editing && (
        <FormModal<{ terms: string[] }, HelpSynonymGroup>
          open
          title={t(group ? 'help.synonym.edit' : 'help.synonym.new')}
          values={{ terms: group?.terms ?? [] }}
          fields={['terms']}
          onSubmit={save}
          onDone={() => {
            setEditing(null);
            void list.reload();
          }}
          onClose={() => setEditing(null)}
          formProps={{ layout: 'vertical', requiredMark: false }}
        >
          <Form.Item name="terms" label={t('help.synonym.terms')} extra={t('help.synonym.hint')}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '=', ' ']} />
          </Form.Item>
        </FormModal>
      )}
    </TableCard>
  );
}
