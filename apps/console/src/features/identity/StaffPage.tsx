// 员工管理: the owner's team page — list, add (first password or invitation link), edit role,
// contact and stores, deactivate / reactivate, send a password link, turn off two-step sign-in.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, IdcardOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import { api, unwrap, useStaff } from '../../api.ts';
import { errorText, showFieldError } from '../../kit/errors.ts';
import { EMPTY, formatDateTime, formatPhone } from '../../kit/format.ts';
import type { Json, StaffMe, Store } from '../../types.ts';

type StaffMember = Json<paths['/api/v1/staff/staff-members']['get']>['items'][number];
type TeamRole = StaffMember['role'];
const TEAM_ROLES: readonly TeamRole[] = ['owner', 'manager', 'advisor', 'technician'];

export const canManageStaff = (staff: StaffMe) => staff.role === 'owner';

interface MemberForm {
  name: string;
  phone: string;
  email: string;
  role: TeamRole;
  storeIds: string[];
  mode: 'invite' | 'password';
  password: string;
}

const FIELDS = ['name', 'phone', 'email', 'role', 'storeIds', 'password'];

function MemberModal({
  member,
  open,
  stores,
  onClose,
  onSaved,
}: {
  member: StaffMember | null;
  open: boolean;
  stores: Store[];
  onClose(): void;
  onSaved(message: string): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [form] = Form.useForm<MemberForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mode = Form.useWatch('mode', form);
  const self = member?.id === staff.id;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      member
        ? {
            name: member.name,
            phone: member.phone ? formatPhone(member.phone) : '',
            email: member.email ?? '',
            role: member.role,
            storeIds: member.storeIds,
          }
        : {
            name: '',
            phone: '',
            email: '',
            role: 'advisor',
            storeIds: stores.length === 1 ? [stores[0]!.id] : [],
            mode: 'invite',
            password: '',
          },
    );
  }, [open, member, stores, form]);

  async function save() {
    let v: MemberForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const contact = { phone: v.phone.trim() || null, email: v.email.trim() || null };
      if (member) {
        await unwrap(
          api.PATCH('/api/v1/staff/staff-members/{staffId}', {
            params: { path: { staffId: member.id } },
            body: {
              name: v.name,
              ...contact,
              ...(self ? {} : { role: v.role }),
              storeIds: v.storeIds,
            },
          }),
        );
        onSaved(t('staffAdmin.saved'));
      } else {
        const res = await unwrap(
          api.POST('/api/v1/staff/staff-members', {
            body: {
              name: v.name,
              ...contact,
              role: v.role,
              storeIds: v.storeIds,
              ...(v.mode === 'password' ? { password: v.password } : {}),
            },
          }),
        );
        onSaved(
          res.invitation
            ? t('staffAdmin.invited', { to: res.invitation.to })
            : t('staffAdmin.added'),
        );
      }
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorText(err, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={member ? t('staffAdmin.editTitle') : t('staffAdmin.addTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: saving, 'data-testid': 'staff-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="name"
          label={t('staffAdmin.name')}
          rules={[{ required: true, whitespace: true, message: t('staffAdmin.required') }]}
        >
          <Input maxLength={50} data-testid="staff-name-input" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="phone" label={t('staffAdmin.phone')} style={{ flex: 1 }}>
            <Input maxLength={32} inputMode="tel" data-testid="staff-phone" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('staffAdmin.email')}
            style={{ flex: 1 }}
            rules={[
              { type: 'email', message: t('staffAdmin.emailFormat') },
              ({ getFieldValue }) => ({
                validator: (_, value: string) =>
                  value?.trim() || String(getFieldValue('phone') ?? '').trim()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('staffAdmin.contactRequired'))),
              }),
            ]}
            dependencies={['phone']}
          >
            <Input maxLength={254} data-testid="staff-email" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="role"
          label={t('staffAdmin.role')}
          extra={self ? t('staffAdmin.ownRole') : undefined}
        >
          <Select
            disabled={self}
            data-testid="staff-role"
            options={TEAM_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="storeIds"
          label={t('staffAdmin.stores')}
          extra={t('staffAdmin.storesHint')}
        >
          <Select
            mode="multiple"
            data-testid="staff-stores"
            options={stores.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        {!member && (
          <>
            <Form.Item name="mode" label={t('staffAdmin.passwordMode')}>
              <Radio.Group data-testid="staff-mode">
                <Radio value="invite">{t('staffAdmin.modeInvite')}</Radio>
                <Radio value="password">{t('staffAdmin.modePassword')}</Radio>
              </Radio.Group>
            </Form.Item>
            {mode === 'password' && (
              <Form.Item
                name="password"
                label={t('staffAdmin.firstPassword')}
                rules={[{ min: 8, required: true, message: t('account.passwordLength') }]}
              >
                <Input.Password autoComplete="new-password" data-testid="staff-password" />
              </Form.Item>
            )}
          </>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

export default function StaffPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const allowed = canManageStaff(staff);
  const [items, setItems] = useState<StaffMember[]>([]);
  const [stores, setStores] = useState<Store[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [members, storeList] = await Promise.all([
        unwrap(api.GET('/api/v1/staff/staff-members')),
        unwrap(api.GET('/api/v1/staff/stores')),
      ]);
      setItems(members.items);
      setStores(storeList.items);
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setLoading(false);
    }
  }, [t]);

  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  if (!allowed) return <Result status="403" title={t('staffAdmin.forbidden')} />;

  async function act(id: string, run: () => Promise<unknown>, done: string) {
    setBusy(id);
    try {
      await run();
      message.success(done);
      await load();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(null);
    }
  }
  const path = (m: StaffMember) => ({ params: { path: { staffId: m.id } } });

  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;
  const columns: TableColumnsType<StaffMember> = [
    {
      title: t('staffAdmin.name'),
      render: (_, m) => (
        <Flex vertical>
          <Typography.Text strong data-testid="staff-row-name">
            {m.name}
            {m.id === staff.id ? ` (${t('staffAdmin.you')})` : ''}
          </Typography.Text>
          <Typography.Text type="secondary">
            {[m.phone && formatPhone(m.phone), m.email].filter(Boolean).join(' · ') || EMPTY}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('staffAdmin.role'),
      render: (_, m) => <Tag color="blue">{t(`roles.${m.role}`)}</Tag>,
    },
    {
      title: t('staffAdmin.stores'),
      render: (_, m) =>
        m.role === 'owner'
          ? t('staffAdmin.allStores')
          : m.storeIds.map(storeName).join('、') || EMPTY,
    },
    {
      title: t('staffAdmin.status'),
      render: (_, m) => (
        <Space size={4} wrap>
          {m.status === 'disabled' ? (
            <Tag color="default">{t('staffAdmin.statusDisabled')}</Tag>
          ) : m.passwordPending ? (
            <Tag color="gold">{t('staffAdmin.statusInvited')}</Tag>
          ) : (
            <Tag color="green">{t('staffAdmin.statusActive')}</Tag>
          )}
          {m.totpEnabled && <Tag color="purple">{t('staffAdmin.totpOn')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('staffAdmin.lastSignIn'),
      render: (_, m) => formatDateTime(m.lastSignInAt, staff.tenant.timezone),
    },
    {
      title: '',
      align: 'right',
      render: (_, m) => {
        const self = m.id === staff.id;
        return (
          <Flex gap={8} justify="flex-end" wrap>
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(m)}
              data-testid="staff-edit"
            >
              {t('common.edit')}
            </Button>
            {m.status === 'active' && (
              <Popconfirm
                title={t('staffAdmin.sendLinkConfirm', { name: m.name })}
                onConfirm={() =>
                  void act(
                    m.id,
                    async () => {
                      const sent = await unwrap(
                        api.POST('/api/v1/staff/staff-members/{staffId}/password-link', path(m)),
                      );
                      return sent;
                    },
                    t('staffAdmin.linkSent'),
                  )
                }
              >
                <Button size="small" loading={busy === m.id} data-testid="staff-send-link">
                  {m.passwordPending ? t('staffAdmin.resendInvite') : t('staffAdmin.sendReset')}
                </Button>
              </Popconfirm>
            )}
            {m.totpEnabled && !self && (
              <Popconfirm
                title={t('staffAdmin.totpResetConfirm', { name: m.name })}
                onConfirm={() =>
                  void act(
                    m.id,
                    () =>
                      unwrap(api.POST('/api/v1/staff/staff-members/{staffId}/totp/reset', path(m))),
                    t('staffAdmin.totpResetDone'),
                  )
                }
              >
                <Button size="small">{t('staffAdmin.totpReset')}</Button>
              </Popconfirm>
            )}
            {!self &&
              (m.status === 'active' ? (
                <Popconfirm
                  title={t('staffAdmin.deactivateConfirm', { name: m.name })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    void act(
                      m.id,
                      () =>
                        unwrap(
                          api.POST('/api/v1/staff/staff-members/{staffId}/deactivate', path(m)),
                        ),
                      t('staffAdmin.deactivated'),
                    )
                  }
                >
                  <Button size="small" danger data-testid="staff-deactivate">
                    {t('staffAdmin.deactivate')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  size="small"
                  data-testid="staff-reactivate"
                  onClick={() =>
                    void act(
                      m.id,
                      () =>
                        unwrap(
                          api.POST('/api/v1/staff/staff-members/{staffId}/reactivate', path(m)),
                        ),
                      t('staffAdmin.reactivated'),
                    )
                  }
                >
                  {t('staffAdmin.reactivate')}
                </Button>
              ))}
          </Flex>
        );
      },
    },
  ];

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <IdcardOutlined />
          {t('staffAdmin.title')}
        </Flex>
      }
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="staff-add"
        >
          {t('staffAdmin.add')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<StaffMember>
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        rowClassName={(m) => (m.status === 'disabled' ? 'ant-table-row-disabled' : '')}
      />
      <MemberModal
        open={editing !== null}
        member={editing === 'new' ? null : editing}
        stores={stores}
        onClose={() => setEditing(null)}
        onSaved={(text) => {
          setEditing(null);
          message.success(text);
          void load();
        }}
      />
    </Card>
  );
}
