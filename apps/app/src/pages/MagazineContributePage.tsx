// 投稿: the themes open for contributions (the first chosen) and the form — a title, the text
// (up to 2,000 characters) and up to nine photos; submitted, it waits for the shop's review.
import { Button, ErrorBlock, Input, NavBar, Skeleton, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import { dayOf, magazineApi, type Call } from '../magazine-api.ts';
import '../magazine.css';

function CallChoice({
  calls,
  chosen,
  onChoose,
}: {
  calls: Call[];
  chosen: string;
  onChoose: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="mag-calls" role="radiogroup" aria-label={t('magazine.chooseCall')}>
      {calls.map((c) => (
        <button
          type="button"
          key={c.id}
          role="radio"
          aria-checked={c.id === chosen}
          className={c.id === chosen ? 'mag-call mag-call-on' : 'mag-call'}
          onClick={() => onChoose(c.id)}
          data-testid="magazine-call"
        >
          <div className="mag-call-theme">{c.theme}</div>
          {c.description && <div className="mag-call-desc">{c.description}</div>}
          <div className="mag-call-meta">
            {t('magazine.deadline', { date: dayOf(c.deadline, i18n.language) })}
            {c.points > 0 && ` · ${t('magazine.points', { points: c.points })}`}
          </div>
        </button>
      ))}
    </div>
  );
}

export function MagazineContributePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { data, error, reload } = useLoad(() => magazineApi.calls(), 'magazine-calls');
  const [picked, setPicked] = useState<string | null>(params.get('callId'));
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const back = () =>
    location.key !== 'default' ? navigate(-1) : navigate('/magazine', { replace: true });
  const calls = data?.items ?? [];
  const callId = calls.find((c) => c.id === picked)?.id ?? calls[0]?.id ?? '';

  async function submit() {
    setBusy(true);
    try {
      await magazineApi.contribute(callId, { title, text, imageIds: photos });
      Toast.show({ icon: 'success', content: t('magazine.submitted') });
      navigate('/magazine/mine', { replace: true });
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (!data)
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={6} animated />
    );
  else if (!calls.length)
    body = <ErrorBlock status="empty" title={t('magazine.noCalls')} description="" />;
  else
    body = (
      <div className="mag-form">
        <p className="mag-form-intro">{t('magazine.contributeIntro')}</p>
        <CallChoice calls={calls} chosen={callId} onChoose={setPicked} />
        <label className="mag-field">
          <span>{t('magazine.fieldTitle')}</span>
          <Input
            value={title}
            onChange={setTitle}
            maxLength={60}
            clearable
            data-testid="magazine-title"
          />
        </label>
        <label className="mag-field">
          <span>{t('magazine.fieldText')}</span>
          <TextArea
            value={text}
            onChange={setText}
            placeholder={t('magazine.textPlaceholder')}
            autoSize={{ minRows: 5, maxRows: 12 }}
            maxLength={2000}
            showCount
            data-testid="magazine-text"
          />
        </label>
        <div className="mag-field">
          <span>{t('magazine.photos')}</span>
          <PhotoPicker value={photos} onChange={setPhotos} max={9} purpose="magazine" />
        </div>
        <Button
          block
          color="primary"
          size="large"
          shape="rounded"
          loading={busy}
          disabled={!text.trim() || !callId}
          onClick={() => void submit()}
          data-testid="magazine-submit"
        >
          {t('magazine.submit')}
        </Button>
      </div>
    );
  return (
    <div className="page">
      <NavBar className="page-nav" onBack={back}>
        {t('magazine.contributeTitle')}
      </NavBar>
      <section className="section">{body}</section>
    </div>
  );
}
