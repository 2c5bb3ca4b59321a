// 作者: the business byline, staff who write (role and store on their tech tips), and car owners
// nominated as KOL (owners with the KOL role in a car club are offered first); a nomination is
// withdrawn by switching it off (their published articles stay).
import { useState } from 'react';
import { Form, Input, Radio, Select, Switch, Tag } from 'antd';
import { UserOutlined } from '@ant-design/icons';
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
import { CustomerPicker } from '../customers/index.ts';
import type { CustomerSummary } from '../../types.ts';
import { canPublish, type Author } from './articles.ts';

interface NewAuthor {
  kind: 'staff' | 'kol';
  staffUserId?: string;
  customerId?: string;
  displayName?: string;
  bio?: string;
}

export default function AuthorsPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const keeper = canPublish(staff);
  const action = useAction();
  const list = useLoad(() => unwrap(api.GET('/api/v1/staff/article-authors')), []);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Author | null>(null);

  const toggle = (a: Author) =>
    void action
      .run(
        a.id,
        () =>
          unwrap(
            api.PATCH('/api/v1/staff/article-authors/{authorId}', {
              params: { path: { authorId: a.id } },
              body: { active: !a.active },
            }),
          ),
        t(a.active ? 'articles.authors.withdrawn' : 'articles.authors.renewed'),
      )
      .then((r) => r && list.reload());

  const columns: DataColumn<Author>[] = [
    {
      title: t('articles.authors.name'),
      dataIndex: 'displayName',
      render: (_, a) => (
        <>
          {a.displayName}{' '}
          <Tag color={a.kind === 'business' ? 'blue' : a.kind === 'staff' ? 'green' : 'purple'}>
            {t(`articles.authorKind.${a.kind}`)}
          </Tag>
        </>
      ),
      csv: (a) => a.displayName,
    },
    {
      title: t('articles.authors.byline'),
      key: 'byline',
      render: (_, a) =>
        a.kind === 'staff'
          ? [a.staffRole ? t(`articles.role.${a.staffRole}`, a.staffRole) : null, a.storeName]
              .filter(Boolean)
              .join(' · ')
          : a.bio,
      csv: (a) => a.bio,
    },
    { title: t('articles.authors.articles'), dataIndex: 'articles', width: 90 },
    {
      title: t('articles.authors.active'),
      key: 'active',
      width: 90,
      render: (_, a) => (
        <Switch
          size="small"
          checked={a.active}
          disabled={!keeper || a.kind === 'business'}
          loading={action.busy === a.id}
          onChange={() => toggle(a)}
          data-testid="author-active"
        />
      ),
      csv: (a) => (a.active ? 1 : 0),
    },
    {
      title: '',
      key: 'actions',
      width: 90,
      csv: false,
      render: (_, a) => (
        <RowActions
          actions={[
            { label: t('articles.authors.edit'), onClick: () => setEditing(a), hidden: !keeper },
          ]}
        />
      ),
    },
  ];

  return (
    <TableCard<Author>
      title={t('articles.authors.title')}
      icon={<UserOutlined />}
      add={
        keeper
          ? {
              label: t('articles.authors.add'),
              onClick: () => setAdding(true),
              testId: 'author-new',
            }
          : undefined
      }
      error={list.error}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      rowKey="id"
      data-testid="authors-table"
    >
      {adding && (
        <AddAuthorModal
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            void list.reload();
          }}
        />
      )}
      {editing && (
        <FormModal<{ displayName: string; bio: string }, Author>
          open
          title={t('articles.authors.edit')}
          values={{ displayName: editing.displayName, bio: editing.bio }}
          onSubmit={(v) =>
            unwrap(
              api.PATCH('/api/v1/staff/article-authors/{authorId}', {
                params: { path: { authorId: editing.id } },
                body: { displayName: v.displayName, bio: v.bio ?? '' },
              }),
            )
          }
          onDone={() => {
            setEditing(null);
            void list.reload();
          }}
          onClose={() => setEditing(null)}
          fields={['displayName', 'bio']}
        >
          <Form.Item
            name="displayName"
            label={t('articles.authors.name')}
            rules={[{ required: true }]}
          >
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="bio" label={t('articles.authors.bio')}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </FormModal>
      )}
    </TableCard>
  );
}

function AddAuthorModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewAuthor>();
  const kind = Form.useWatch('kind', form) ?? 'staff';
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const staffCandidates = useLoad(
    () => unwrap(api.GET('/api/v1/staff/article-authors/staff-candidates')),
    [],
  );
  const kols = useLoad(() => unwrap(api.GET('/api/v1/staff/article-authors/kol-candidates')), []);
  return (
    <FormModal<NewAuthor, Author>
      open
      form={form}
      title={t('articles.authors.add')}
      values={{ kind: 'staff' }}
      fields={['staffUserId', 'customerId', 'displayName', 'bio']}
      onSubmit={(v) => {
        const common = {
          ...(v.displayName ? { displayName: v.displayName } : {}),
          bio: v.bio ?? '',
        };
        const customerId = v.customerId ?? customer?.id;
        return unwrap(
          api.POST('/api/v1/staff/article-authors', {
            body:
              v.kind === 'kol'
                ? { kind: 'kol', customerId: customerId!, ...common }
                : { kind: 'staff', staffUserId: v.staffUserId!, ...common },
          }),
        );
      }}
      onDone={onDone}
      onClose={onClose}
      okTestId="author-save"
    >
      <Form.Item name="kind" label={t('articles.authors.kind')}>
        <Radio.Group>
          <Radio value="staff">{t('articles.authorKind.staff')}</Radio>
          <Radio value="kol">{t('articles.authorKind.kol')}</Radio>
        </Radio.Group>
      </Form.Item>
      {kind === 'staff' ? (
        <Form.Item
          name="staffUserId"
          label={t('articles.authors.staffMember')}
          rules={[{ required: true }]}
        >
          <Select
            data-testid="author-staff"
            options={(staffCandidates.data?.items ?? []).map((s) => ({
              value: s.staffUserId,
              label: `${s.name} · ${t(`articles.role.${s.role}`, s.role)}`,
            }))}
          />
        </Form.Item>
      ) : (
        <>
          {(kols.data?.items.length ?? 0) > 0 && (
            <Form.Item name="customerId" label={t('articles.authors.clubKols')}>
              <Select
                allowClear
                data-testid="author-kol"
                options={(kols.data?.items ?? []).map((k) => ({
                  value: k.customerId,
                  label: `${k.name ?? '—'} · ${k.clubs.join('、')}`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('articles.authors.anyOwner')}>
            <CustomerPicker value={customer} onChange={setCustomer} />
          </Form.Item>
        </>
      )}
      <Form.Item name="displayName" label={t('articles.authors.name')}>
        <Input maxLength={30} placeholder={t('articles.authors.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="bio" label={t('articles.authors.bio')}>
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
