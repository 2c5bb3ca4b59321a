import { Skeleton, Switch, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client, errorMessage, useLoad } from '../api.ts';
import { LoadError } from './StatusScreen.tsx';
import './profile.css';

type Consents =
  paths['/api/v1/app/me/consents']['get']['responses'][200]['content']['application/json'];
type ConsentState = Consents['consents'][number];
type Channel = ConsentState['channel'];
type Purpose = ConsentState['purpose'];

/** The channels an owner recognises, most used first. */
const CHANNELS = ['sms', 'inapp', 'webpush', 'wechat', 'email'] as const satisfies Channel[];
const PURPOSES = ['service', 'marketing'] as const satisfies Purpose[];

/**
 * 消息授权: which channels may carry service notices (保养提醒、工单进度) and which marketing.
 * Each switch is saved at once; the business records when and how it was given.
 */
export function ConsentSettings() {
  const { t } = useTranslation();
  const loaded = useLoad(() => unwrap(client.GET('/api/v1/app/me/consents')), 'my-consents');
  const { data, error, reload } = loaded;

  const toggle = async (channel: Channel, purpose: Purpose, granted: boolean) => {
    try {
      await unwrap(
        client.PUT('/api/v1/app/me/consents', {
          body: { consents: [{ channel, purpose, granted }] },
        }),
      );
      await reload();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    }
  };

  let body;
  if (!data) {
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <div className="consent-card" aria-busy="true">
        <Skeleton.Paragraph lineCount={4} animated />
      </div>
    );
  } else {
    const granted = (channel: Channel, purpose: Purpose) =>
      data.consents.find((c) => c.channel === channel && c.purpose === purpose)?.granted ?? false;
    body = (
      <div className="consent-card" data-testid="consent-settings">
        <div className="consent-row consent-head">
          <span />
          {PURPOSES.map((purpose) => (
            <span key={purpose} className="consent-purpose">
              {t(`consents.purpose.${purpose}`)}
            </span>
          ))}
        </div>
        {CHANNELS.map((channel) => (
          <div key={channel} className="consent-row">
            <span className="consent-channel">{t(`consents.channel.${channel}`)}</span>
            {PURPOSES.map((purpose) => (
              <span key={purpose} className="consent-switch">
                <Switch
                  checked={granted(channel, purpose)}
                  onChange={(next) => toggle(channel, purpose, next)}
                  data-testid="consent-toggle"
                  data-channel={channel}
                  data-purpose={purpose}
                  aria-label={`${t(`consents.channel.${channel}`)} ${t(`consents.purpose.${purpose}`)}`}
                />
              </span>
            ))}
          </div>
        ))}
      </div>
    );
  }

  return (
    <section className="section">
      <h2 className="section-title">{t('consents.title')}</h2>
      {body}
      <p className="consent-hint">{t('consents.hint')}</p>
    </section>
  );
}
