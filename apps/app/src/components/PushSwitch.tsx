import { useEffect, useState } from 'react';
import { List, Switch, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@liuke/api-client';
import { client, errorMessage } from '../api.ts';
import {
  currentSubscription,
  disablePush,
  enablePush,
  pushSupported,
  reportOpenedPush,
} from '../push.ts';

/** 开启通知: subscribe this phone to Web Push from the business (or stop). */
export function PushSwitch() {
  const { t } = useTranslation();
  const supported = pushSupported();
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [enabled, setEnabled] = useState(true);

  useEffect(() => {
    if (!supported) return;
    let live = true;
    void currentSubscription().then((s) => {
      if (live) setOn(s !== null && Notification.permission === 'granted');
    });
    void unwrap(client.GET('/api/v1/app/push/vapid-public-key')).then(
      (k) => live && setEnabled(k.enabled),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [supported]);

  const toggle = async (next: boolean) => {
    setBusy(true);
    try {
      if (next) {
        const result = await enablePush();
        if (result === 'denied') Toast.show({ content: t('push.denied') });
        else if (result === 'unsupported') Toast.show({ content: t('push.unsupported') });
        setOn(result === 'on');
      } else {
        await disablePush();
        setOn(false);
      }
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section">
      <List>
        <List.Item
          description={
            !supported ? t('push.unsupported') : !enabled ? t('push.notEnabled') : t('push.hint')
          }
          extra={
            <Switch
              data-testid="push-switch"
              checked={on}
              loading={busy}
              disabled={!supported}
              onChange={(v) => void toggle(v)}
            />
          }
        >
          {t('push.title')}
        </List.Item>
      </List>
    </section>
  );
}

/** Reports a tapped notification (rendered once inside the signed-in app). */
export function PushOpenReporter() {
  useEffect(() => {
    void reportOpenedPush();
  }, []);
  return null;
}
