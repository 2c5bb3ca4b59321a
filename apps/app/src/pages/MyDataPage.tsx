// 我的数据: everything the business holds about the owner, readable and as a JSON file; the
// owner corrects their profile, switches personalised marketing off, and asks for a correction
// staff must make or for the deletion of their data (PIPL).
import { useState } from 'react';
import {
  Button,
  Dialog,
  Form,
  Input,
  List,
  NavBar,
  Popup,
  Skeleton,
  Switch,
  TextArea,
  Toast,
} from 'antd-mobile';
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { client, errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { formatDate, formatFen, formatPhone } from '../format.ts';
import '../my-data.css';

type MyData = paths['/api/v1/app/me/data']['get']['responses'][200]['content']['application/json'];
type Profile = {
  name: string | null;
  phone: string;
  email: string | null;
  address: string | null;
  birthday: string | null;
  memberNo: number;
  createdAt: string;
};
type Car = { id: string; plate: string | null; make: string | null; model: string | null };
type Order = { number: string; status: string; totalFen: number; openedAt: string };
type Request = MyData['dataRequests'][number];

/** Where the JSON file comes from: same origin, the session cookie authenticates it. */
const DOWNLOAD_URL = '/api/v1/app/me/data/download';

function Section({
  title,
  count,
  children,
  testId,
}: {
  title: string;
  count?: number;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <section className="section my-data-section" data-testid={testId}>
      <h2 className="section-title">
        {title}
        {count !== undefined && <span className="my-data-count">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

function ProfileEditor({
  profile,
  onSaved,
  onClose,
}: {
  profile: Profile;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const save = async (v: {
    name?: string;
    email?: string;
    address?: string;
    birthday?: string;
  }) => {
    setSaving(true);
    try {
      const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);
      await unwrap(
        client.PATCH('/api/v1/app/me/profile', {
          body: {
            ...(v.name?.trim() ? { name: v.name.trim() } : {}),
            email: blankToNull(v.email),
            address: blankToNull(v.address),
            birthday: blankToNull(v.birthday),
          },
        }),
      );
      Toast.show({ icon: 'success', content: t('myData.saved') });
      onSaved();
      onClose();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form
      layout="vertical"
      initialValues={{
        name: profile.name ?? '',
        email: profile.email ?? '',
        address: profile.address ?? '',
        birthday: profile.birthday ?? '',
      }}
      onFinish={(v) => void save(v)}
      footer={
        <Button block type="submit" color="primary" loading={saving} data-testid="profile-save">
          {t('myData.save')}
        </Button>
      }
    >
      <Form.Header>{t('myData.editProfile')}</Form.Header>
      <Form.Item name="name" label={t('myData.field.name')}>
        <Input maxLength={60} data-testid="profile-name" />
      </Form.Item>
      <Form.Item name="email" label={t('myData.field.email')}>
        <Input type="email" maxLength={200} data-testid="profile-email" />
      </Form.Item>
      <Form.Item name="address" label={t('myData.field.address')}>
        <Input maxLength={200} data-testid="profile-address" />
      </Form.Item>
      <Form.Item name="birthday" label={t('myData.field.birthday')}>
        <Input type="date" data-testid="profile-birthday" />
      </Form.Item>
    </Form>
  );
}

function RequestForm({ onSent, onClose }: { onSent: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const send = async () => {
    try {
      await unwrap(
        client.POST('/api/v1/app/me/data-requests', {
          body: { kind: 'correction', message: text.trim() },
        }),
      );
      Toast.show({ icon: 'success', content: t('myData.requestSent') });
      onSent();
      onClose();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    }
  };
  return (
    <div className="my-data-popup">
      <h3>{t('myData.askCorrection')}</h3>
      <p className="my-data-hint">{t('myData.askCorrectionHint')}</p>
      <TextArea
        value={text}
        onChange={setText}
        rows={4}
        maxLength={1000}
        showCount
        data-testid="correction-text"
      />
      <Button
        block
        color="primary"
        disabled={!text.trim()}
        onClick={() => void send()}
        data-testid="correction-send"
      >
        {t('myData.send')}
      </Button>
    </div>
  );
}

export function MyDataPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(
    () => unwrap(client.GET('/api/v1/app/me/data')),
    'my-data',
  );
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState(false);
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/me', { replace: true });
  };

  const setPersonalised = async (on: boolean) => {
    try {
      await unwrap(
        client.PUT('/api/v1/app/me/personalisation', { body: { personalisedMarketing: on } }),
      );
      await reload();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    }
  };

  const askDeletion = async () => {
    const ok = await Dialog.confirm({
      title: t('myData.deleteTitle'),
      content: t('myData.deleteConfirm'),
      confirmText: t('myData.deleteYes'),
      cancelText: t('me.cancel'),
    });
    if (!ok) return;
    try {
      await unwrap(client.POST('/api/v1/app/me/data-requests', { body: { kind: 'deletion' } }));
      Toast.show({ icon: 'success', content: t('myData.requestSent') });
      await reload();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    }
  };

  if (!data)
    return (
      <div className="page">
        <NavBar onBack={back}>{t('myData.title')}</NavBar>
        <section className="section">
          {error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : (
            <Skeleton.Paragraph lineCount={8} animated />
          )}
        </section>
      </div>
    );

  const profile = data.profile as unknown as Profile;
  const cars = data.cars as unknown as Car[];
  const orders = data.serviceHistory as unknown as Order[];
  const loyalty = data.loyalty.summary as { points?: { available?: number } };
  const granted = (data.consents.current as { granted: boolean }[]).filter((c) => c.granted);
  const openDeletion = data.dataRequests.find(
    (r: Request) => r.kind === 'deletion' && r.status === 'open',
  );
  const dash = '—';

  return (
    <div className="page my-data" data-testid="my-data">
      <NavBar onBack={back}>{t('myData.title')}</NavBar>
      <p className="my-data-intro">{t('myData.intro', { business: data.controller.name })}</p>

      <section className="section">
        <Button
          block
          color="primary"
          shape="rounded"
          onClick={() => window.location.assign(DOWNLOAD_URL)}
          data-testid="my-data-download"
        >
          {t('myData.download')}
        </Button>
      </section>

      <Section title={t('myData.profile')} testId="my-data-profile">
        <List>
          <List.Item extra={profile.name ?? dash}>{t('myData.field.name')}</List.Item>
          <List.Item extra={formatPhone(profile.phone)}>{t('myData.field.phone')}</List.Item>
          <List.Item extra={profile.email ?? dash}>{t('myData.field.email')}</List.Item>
          <List.Item extra={profile.address ?? dash}>{t('myData.field.address')}</List.Item>
          <List.Item extra={profile.birthday ?? dash}>{t('myData.field.birthday')}</List.Item>
        </List>
        <div className="my-data-actions">
          <Button size="small" onClick={() => setEditing(true)} data-testid="profile-edit">
            {t('myData.editProfile')}
          </Button>
          <Button size="small" onClick={() => setAsking(true)} data-testid="correction-ask">
            {t('myData.askCorrection')}
          </Button>
        </div>
      </Section>

      <Section title={t('myData.personalisation')} testId="my-data-personalisation">
        <List>
          <List.Item
            description={t('myData.personalisationHint')}
            extra={
              <Switch
                checked={data.personalisation.personalisedMarketing}
                onChange={(v) => void setPersonalised(v)}
                data-testid="personalisation-switch"
                aria-label={t('myData.personalisation')}
              />
            }
          >
            {t('myData.personalisedMarketing')}
          </List.Item>
        </List>
        <p className="my-data-hint">
          {t('myData.consentsGranted', { count: granted.length })} ·{' '}
          {t('myData.historyEntries', {
            count: data.consents.history.length + data.personalisation.history.length,
          })}
        </p>
      </Section>

      <Section title={t('myData.cars')} count={cars.length} testId="my-data-cars">
        <List>
          {cars.map((c) => (
            <List.Item key={c.id} extra={[c.make, c.model].filter(Boolean).join(' ')}>
              <span translate="no">{c.plate ?? dash}</span>
            </List.Item>
          ))}
        </List>
      </Section>

      <Section title={t('myData.service')} count={orders.length} testId="my-data-service">
        <List>
          {orders.map((o) => (
            <List.Item
              key={o.number}
              description={formatDate(o.openedAt, lang)}
              extra={formatFen(o.totalFen)}
            >
              <span translate="no">{o.number}</span>
            </List.Item>
          ))}
        </List>
      </Section>

      <Section title={t('myData.more')} testId="my-data-more">
        <List>
          <List.Item extra={data.appointments.length}>{t('myData.appointments')}</List.Item>
          <List.Item extra={loyalty.points?.available ?? 0}>{t('myData.points')}</List.Item>
          <List.Item extra={data.loyalty.statement.length}>{t('myData.statement')}</List.Item>
          <List.Item extra={data.coupons.length}>{t('myData.coupons')}</List.Item>
          <List.Item
            extra={
              data.messages.sent.length +
              data.messages.inbox.length +
              data.messages.conversation.length
            }
          >
            {t('myData.messages')}
          </List.Item>
          <List.Item extra={data.referrals.referrals.length}>{t('myData.referrals')}</List.Item>
        </List>
      </Section>

      <Section
        title={t('myData.requests')}
        count={data.dataRequests.length}
        testId="my-data-requests"
      >
        <List>
          {data.dataRequests.map((r: Request) => (
            <List.Item
              key={r.id}
              description={
                r.status === 'open'
                  ? t('myData.dueOn', { date: r.dueOn })
                  : formatDate(r.handledAt ?? r.requestedAt, lang)
              }
              extra={t(`myData.status.${r.status}`)}
            >
              {t(`myData.kind.${r.kind}`)}
            </List.Item>
          ))}
        </List>
      </Section>

      <section className="section">
        {openDeletion ? (
          <p className="my-data-hint" data-testid="deletion-pending">
            {t('myData.deletionPending', { date: openDeletion.dueOn })}
          </p>
        ) : (
          <Button
            block
            color="danger"
            fill="outline"
            shape="rounded"
            onClick={() => void askDeletion()}
            data-testid="deletion-ask"
          >
            {t('myData.delete')}
          </Button>
        )}
      </section>

      <Popup visible={editing} onMaskClick={() => setEditing(false)} destroyOnClose>
        <ProfileEditor
          profile={profile}
          onSaved={() => void reload()}
          onClose={() => setEditing(false)}
        />
      </Popup>
      <Popup visible={asking} onMaskClick={() => setAsking(false)} destroyOnClose>
        <RequestForm onSent={() => void reload()} onClose={() => setAsking(false)} />
      </Popup>
    </div>
  );
}
