// 我的兴趣: what the shop's content knows I like — scores by tag as bars, the tags I follow, and
// the personalisation switch (PIPL), with what switching it off does.
import { Dialog, List, NavBar, ProgressBar, Skeleton, Switch, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { interestsApi } from '../interests-api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import '../interests.css';

export function MyInterestsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => interestsApi.mine(), 'my-interests');
  const [saving, setSaving] = useState(false);
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/me', { replace: true });
  };

  const switchTo = async (on: boolean) => {
    if (!on) {
      const ok = await Dialog.confirm({
        content: t('interests.offConfirm'),
        confirmText: t('interests.offConfirmYes'),
        cancelText: t('me.cancel'),
      });
      if (!ok) return;
    }
    setSaving(true);
    try {
      await interestsApi.setPersonalised(on);
      await reload();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };

  const unfollow = async (slug: string) => {
    try {
      await interestsApi.unfollow(slug);
      await reload();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    }
  };

  return (
    <div className="page my-interests-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('interests.title')}
      </NavBar>
      {!data ? (
        <section className="section">
          {error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : (
            <Skeleton.Paragraph lineCount={5} animated />
          )}
        </section>
      ) : (
        <>
          <section className="section">
            <List>
              <List.Item
                description={t(data.personalised ? 'interests.onHint' : 'interests.offHint')}
                extra={
                  <Switch
                    data-testid="interests-switch"
                    checked={data.personalised}
                    loading={saving}
                    onChange={(on) => void switchTo(on)}
                  />
                }
              >
                {t('interests.switch')}
              </List.Item>
            </List>
          </section>
          <section className="section">
            <h2 className="section-title">{t('interests.scores')}</h2>
            {data.scores.length === 0 ? (
              <p className="interests-empty" data-testid="interests-empty">
                {t(data.personalised ? 'interests.none' : 'interests.noneOff')}
              </p>
            ) : (
              <ul className="interest-bars">
                {data.scores.map((s) => (
                  <li key={s.slug} data-testid={`interest-${s.slug}`}>
                    <span className="interest-name">{s.name}</span>
                    <ProgressBar percent={Math.round(s.score * 100)} className="interest-bar" />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="section">
            <h2 className="section-title">{t('interests.follows')}</h2>
            {data.follows.length === 0 ? (
              <p className="interests-empty">{t('interests.noFollows')}</p>
            ) : (
              <div className="interest-follows">
                {data.follows.map((slug) => (
                  <Tag
                    key={slug}
                    color="primary"
                    fill="outline"
                    data-testid={`follow-${slug}`}
                    onClick={() => void unfollow(slug)}
                  >
                    {data.scores.find((s) => s.slug === slug)?.name ?? slug} ✕
                  </Tag>
                ))}
              </div>
            )}
            <p className="interests-hint">{t('interests.how')}</p>
          </section>
        </>
      )}
    </div>
  );
}
