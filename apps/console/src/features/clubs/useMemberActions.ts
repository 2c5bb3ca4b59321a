// What staff do to a club's members from its table: approve or refuse a request, give a role,
// remove a member — each answer applied to the rows shown, the club's counts reloaded after.
import type { SetStateAction } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { useAction } from '../../kit/index.ts';
import type { Member, MemberRole } from './clubs.ts';

export function useMemberActions(
  clubId: string,
  rows: {
    setItems: (update: SetStateAction<Member[]>) => void;
    /** The table shows requests only: an approved one leaves it. */
    dropOnApprove: boolean;
    /** The club's counts changed (members, requests). */
    onChanged: () => void;
  },
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const path = (m: Member) => ({ path: { clubId, customerId: m.customerId } });
  const replace = (next: Member) =>
    rows.setItems((items) => items.map((x) => (x.customerId === next.customerId ? next : x)));
  const drop = (m: Member) =>
    rows.setItems((items) => items.filter((x) => x.customerId !== m.customerId));

  const approve = async (m: Member) => {
    const next = await action.run(
      m.customerId,
      () =>
        unwrap(
          api.POST('/api/v1/staff/clubs/{clubId}/members/{customerId}/approve', {
            params: path(m),
          }),
        ),
      t('clubs.members.approved'),
    );
    if (!next) return;
    if (rows.dropOnApprove) drop(m);
    else replace(next);
    rows.onChanged();
  };
  const refuse = async (m: Member) => {
    const done = await action.run(
      m.customerId,
      () =>
        unwrap(
          api.POST('/api/v1/staff/clubs/{clubId}/members/{customerId}/refuse', {
            params: path(m),
          }),
        ),
      t('clubs.members.refused'),
    );
    if (done === undefined) return;
    drop(m);
    rows.onChanged();
  };
  const setRole = async (m: Member, role: MemberRole) => {
    const next = await action.run(m.customerId, () =>
      unwrap(
        api.PATCH('/api/v1/staff/clubs/{clubId}/members/{customerId}', {
          params: path(m),
          body: { role },
        }),
      ),
    );
    if (!next) return;
    message.success(t('clubs.members.roleSet', { role: t(`clubs.role.${role}`) }));
    replace(next);
  };
  const remove = async (m: Member) => {
    const done = await action.run(
      m.customerId,
      () =>
        unwrap(
          api.DELETE('/api/v1/staff/clubs/{clubId}/members/{customerId}', { params: path(m) }),
        ),
      t('clubs.members.removed'),
    );
    if (done === undefined) return;
    drop(m);
    rows.onChanged();
  };

  return { busy: action.busy, approve, refuse, setRole, remove };
}
