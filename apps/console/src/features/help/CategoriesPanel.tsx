// FAQ categories: names in both languages, the order owners see them in, how many entries each
// holds; a category is deleted only once empty.
import { useState } from 'react';
import { Form, Input, InputNumber } from 'antd';
import { FolderOutlined } from '@ant-design/icons';
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
import { canEditHelp, type HelpCategory } from './help.ts';

type CategoryForm = { nameZh: string; nameEn?: string; position?: number };

export function CategoriesPanel() {
  const { t } = useTranslation();
  const keeper = canEditHelp(useStaff());
  const action = useAction();
  const list = useLoad(() => unwrap(api.GET('/api/v1/staff/help/categories')), []);
  const [editing, setEditing] = useState<HelpCategory | 'new' | null>(null);
  const columns: DataColumn<HelpCategory>[] = [
    { title: t('help.category.position'), dataIndex: 'position', width: 70 },
    { title: t('help.category.nameZh'), dataIndex: 'nameZh' },
    { title: t('help.category.nameEn'), dataIndex: 'nameEn' },
    { title: t('help.category.entries'), dataIndex: 'entries', width: 90 },
    {
      title: '',
      key: 'actions',
      width: 150,
      csv: false,
      render: (_, c) => (
        <RowActions
          actions={[
            { label: t('help.edit'), onClick: () => setEditing(c), hidden: !keeper },
            {
              label: t('help.delete'),
              danger: true,
              hidden: !keeper,
              disabled: c.entries > 0,
              loading: action.busy === c.id,
              confirm: t('help.category.deleteConfirm', { name: c.nameZh }),
              onClick: () =>
                void action
                  .run(c.id, () =>
                    unwrap(
                      api.DELETE('/api/v1/staff/help/categories/{categoryId}', {
                        params: { path: { categoryId: c.id } },
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
  const category = editing && editing !== 'new' ? editing : null;
  const save = (v: CategoryForm) => {
    const body = { nameZh: v.nameZh, nameEn: v.nameEn ?? '', position: v.position ?? 0 };
    return category
      ? unwrap(
          api.PUT('/api/v1/staff/help/categories/{categoryId}', {
            params: { path: { categoryId: category.id } },
            body,
          }),
        )
      : unwrap(api.POST('/api/v1/staff/help/categories', { body }));
  };
  return (
    <TableCard<HelpCategory>
      title={t('help.categories')}
      icon={<FolderOutlined />}
      add={keeper ? { label: t('help.category.new'), onClick: () => setEditing('new') } : undefined}
      error={list.error}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      rowKey="id"
    >
      {editing && (
        <FormModal<CategoryForm, HelpCategory>
          open
          title={t(category ? 'help.category.edit' : 'help.category.new')}
          values={category ?? { position: (list.data?.items.length ?? 0) + 1 }}
          fields={['nameZh', 'nameEn', 'position']}
          onSubmit={save}
          onDone={() => {
            setEditing(null);
            void list.reload();
          }}
          onClose={() => setEditing(null)}
          formProps={{ layout: 'vertical', requiredMark: false }}
        >
          <Form.Item
            name="nameZh"
            label={t('help.category.nameZh')}
            rules={[{ required: true, message: t('help.form.required') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('help.category.nameEn')}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="position" label={t('help.category.position')}>
            <InputNumber min={0} max={10000} precision={0} />
          </Form.Item>
        </FormModal>
      )}
    </TableCard>
  );
}
