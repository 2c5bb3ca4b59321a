// Adding a team member (first password or invitation link) or editing one: name, contact, role
// (not one's own) and stores.
import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';
import { formatPhone } from '../../kit/format.ts';
import type { Store } from '../../types.ts';
import { ContactFields } from './PasswordFields.tsx';
import { TEAM_ROLES, type StaffMember, type TeamRole } from './staff.ts';

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

function toForm(member: StaffMember | null, stores: Store[]): Partial<MemberForm> {
  if (member)
    return {
      name: member.name,
      phone: member.phone ? formatPhone(member.phone) : '',
      email: member.email ?? '',
      role: member.role,
      storeIds: member.storeIds,
    };
  return {
    name: '',
    phone: '',
    email: '',
    role: 'advisor',
    storeIds: stores.length === 1 ? [stores[0]!.id] : [],
    mode: 'invite',
    password: '',
  };
}

/** Saves the member; resolves to the message to show. */
async function saveMember(
  member: StaffMember | null,
  v: MemberForm,
  self: boolean,
  t: TFunction,
): Promise<string> {
  const body = {
    name: v.name,
    phone: v.phone.trim() || null,
    email: v.email.trim() || null,
    storeIds: v.storeIds,
  };
  if (member) {
    await unwrap(
      api.PATCH('/api/v1/staff/staff-members/{staffId}', {
        params: { path: { staffId: member.id } },
        body: { ...body, ...(self ? {} : { role: v.role }) },
      }),
    );
    return t('staffAdmin.saved');
  }
  const res = await unwrap(
    api.POST('/api/v1/staff/staff-members', {
      body: { ...body, role: v.role, ...(v.mode === 'password' ? { password: v.password } : {}) },
    }),
  );
  return res.invitation
    ? t('staffAdmin.invited', { to: res.invitation.to })
    : t('staffAdmin.added');
}

export function StaffMemberModal({
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
  const mode = Form.useWatch('mode', form);
  const self = member?.id === staff.id;

  return (
    <FormModal
      open={open}
      title={member ? t('staffAdmin.editTitle') : t('staffAdmin.addTitle')}
      form={form}
      fields={FIELDS}
      values={toForm(member, stores)}
      onSubmit={(v) => saveMember(member, v, self, t)}
      onDone={onSaved}
      onClose={onClose}
      okTestId="staff-save"
      formProps={{ requiredMark: false }}
    >
      <Form.Item
        name="name"
        label={t('staffAdmin.name')}
        rules={[{ required: true, whitespace: true, message: t('staffAdmin.required') }]}
      >
        <Input maxLength={50} data-testid="staff-name-input" />
      </Form.Item>
      <ContactFields testIds={{ phone: 'staff-phone', email: 'staff-email' }} />
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
      <Form.Item name="storeIds" label={t('staffAdmin.stores')} extra={t('staffAdmin.storesHint')}>
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
    </FormModal>
  );
}
