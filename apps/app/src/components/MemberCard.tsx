import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMe } from '../api.ts';
import { formatDate, maskPhone } from '../format.ts';

/**
 * The electronic member card. `aside` (top right) and `children` (under the member
 * number) are the slots the loyalty feature fills with tier, points and the QR code.
 */
export function MemberCard({
  customer,
  aside,
  children,
}: {
  customer: CustomerMe;
  aside?: ReactNode;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const holder = customer.name?.trim() || maskPhone(customer.phone) || t('member.defaultName');
  return (
    <section className="member-card" data-testid="member-card" aria-label={t('member.card')}>
      <div className="member-card-top">
        <div className="member-card-business">
          <span className="member-card-logo" aria-hidden="true">
            {Array.from(customer.tenant.name)[0] ?? '留'}
          </span>
          <span className="member-card-business-name">{customer.tenant.name}</span>
        </div>
        <div className="member-card-aside">
          {aside ?? <span className="member-card-label">{t('member.card')}</span>}
        </div>
      </div>
      <div className="member-card-holder">{holder}</div>
      {children}
      <div className="member-card-bottom">
        <div>
          <div className="member-card-caption">{t('member.memberNo')}</div>
          <div className="member-card-no" translate="no">
            {customer.memberNo}
          </div>
        </div>
        <div className="member-card-since">
          <div className="member-card-caption">{t('member.since')}</div>
          <div>{formatDate(customer.memberSince, i18n.language)}</div>
        </div>
      </div>
    </section>
  );
}
