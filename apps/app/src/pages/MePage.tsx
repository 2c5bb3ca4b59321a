import { Button, Dialog, List, Selector } from 'antd-mobile';
import { CalendarOutline, FlagOutline, MessageOutline, PayCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCustomer, useSession } from '../api.ts';
import { ConsentSettings } from '../components/ConsentSettings.tsx';
import { PushSwitch } from '../components/PushSwitch.tsx';
import { formatDate, formatPhone, maskPhone } from '../format.ts';
import { LANGUAGES, currentLanguage, setLanguage } from '../i18n.ts';
import type { Language } from '../i18n.ts';

/** 我的: the owner's account, language and sign-out. */
export function MePage() {
  const { t, i18n } = useTranslation();
  const customer = useCustomer();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const displayName = customer.name?.trim() || maskPhone(customer.phone);

  const confirmSignOut = async () => {
    const ok = await Dialog.confirm({
      content: t('me.signOutConfirm'),
      confirmText: t('me.confirm'),
      cancelText: t('me.cancel'),
    });
    if (ok) await signOut();
  };

  return (
    <div className="page me">
      <header className="me-header">
        <div className="me-avatar" aria-hidden="true">
          {Array.from(customer.name?.trim() || '车')[0]}
        </div>
        <div>
          <div className="me-name">{displayName}</div>
          <div className="me-sub">
            {t('member.since')} {formatDate(customer.memberSince, i18n.language)}
          </div>
        </div>
      </header>

      <section className="section">
        <List>
          <List.Item extra={<span data-testid="me-phone">{formatPhone(customer.phone)}</span>}>
            {t('me.phone')}
          </List.Item>
          <List.Item extra={<span translate="no">{customer.memberNo}</span>}>
            {t('me.memberNo')}
          </List.Item>
          <List.Item extra={customer.tenant.name}>{t('me.business')}</List.Item>
          <List.Item
            clickable
            description={t('myData.entryHint')}
            onClick={() => navigate('/me/data')}
            data-testid="my-data-link"
          >
            {t('myData.entry')}
          </List.Item>
          <List.Item
            clickable
            description={t('interests.entryHint')}
            onClick={() => navigate('/me/interests')}
            data-testid="my-interests-link"
          >
            {t('interests.entry')}
          </List.Item>
          <List.Item
            clickable
            description={t('help.entryHint')}
            onClick={() => navigate('/help')}
            data-testid="help-link"
          >
            {t('help.entry')}
          </List.Item>
        </List>
      </section>

      {/* What the owner booked and signed up to: 我的预约 and 我的活动 with their tickets. */}
      <section className="section">
        <List>
          <List.Item
            prefix={<CalendarOutline />}
            onClick={() => navigate('/appointments')}
            data-testid="me-appointments"
          >
            {t('booking.mine')}
          </List.Item>
          <List.Item
            prefix={<FlagOutline />}
            onClick={() => navigate('/events/tickets')}
            data-testid="me-events"
          >
            {t('events.myTickets')}
          </List.Item>
          <List.Item
            prefix={<MessageOutline />}
            onClick={() => navigate('/complaints')}
            data-testid="me-complaints"
          >
            {t('complaints.entry')}
          </List.Item>
          <List.Item
            prefix={<PayCircleOutline />}
            onClick={() => navigate('/payments')}
            data-testid="me-payments"
          >
            {t('payments.mine')}
          </List.Item>
        </List>
      </section>

      <PushSwitch />

      <ConsentSettings />

      <section className="section">
        <h2 className="section-title">{t('me.language')}</h2>
        <Selector<Language>
          className="language-selector"
          data-testid="language-switch"
          columns={2}
          showCheckMark={false}
          options={LANGUAGES.map((lang) => ({ label: t(`lang.${lang}`), value: lang }))}
          value={[currentLanguage()]}
          onChange={(value) => {
            const lang = value[0];
            if (lang) setLanguage(lang);
          }}
        />
      </section>

      <section className="section">
        <Button
          block
          size="large"
          color="danger"
          fill="outline"
          shape="rounded"
          data-testid="sign-out"
          onClick={() => void confirmSignOut()}
        >
          {t('me.signOut')}
        </Button>
      </section>
    </div>
  );
}
