// The survey page a message or SMS link opens (signed link, no sign-in): tap a score 0–10 and it
// is saved — one tap from the message's link, two from the app. Then, optionally, stars, the
// reasons (when the score is low) and a comment; a promoter is invited to review the shop.
import { useState } from 'react';
import { Button, ErrorBlock, Rate, Result, Selector, Skeleton, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { feedbackApi, type SurveyPage as Survey } from '../feedback-api.ts';
import '../feedback.css';

function ScoreRow({ onPick, busy }: { onPick(n: number): void; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="survey-scores">
      <div className="survey-score-grid" role="group" aria-label={t('survey.question')}>
        {Array.from({ length: 11 }, (_, n) => (
          <button
            key={n}
            type="button"
            className={`survey-score survey-score-${n <= 6 ? 'low' : n <= 8 ? 'mid' : 'high'}`}
            disabled={busy}
            onClick={() => onPick(n)}
            data-testid={`survey-score-${n}`}
          >
            {n}
          </button>
        ))}
      </div>
      <div className="survey-score-legend">
        <span>{t('survey.unlikely')}</span>
        <span>{t('survey.likely')}</span>
      </div>
    </div>
  );
}

function Details({
  survey,
  token,
  onSaved,
}: {
  survey: Survey;
  token: string;
  onSaved(s: Survey): void;
}) {
  const { t } = useTranslation();
  const [stars, setStars] = useState(0);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const low = (survey.nps ?? 10) <= 6;
  const save = async () => {
    setBusy(true);
    try {
      onSaved(
        await feedbackApi.details(token, {
          stars: stars || null,
          reasons,
          comment: comment.trim() || null,
        }),
      );
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="survey-details" data-testid="survey-details">
      <p className="survey-label">{t('survey.stars')}</p>
      <Rate value={stars} onChange={setStars} style={{ '--star-size': '32px' }} />
      {low && (
        <>
          <p className="survey-label">{t('survey.why')}</p>
          <Selector
            multiple
            columns={3}
            value={reasons}
            onChange={setReasons}
            options={survey.reasonChoices.map((r) => ({ label: r, value: r }))}
          />
        </>
      )}
      <TextArea
        placeholder={t('survey.comment')}
        value={comment}
        onChange={setComment}
        maxLength={1000}
        rows={3}
        showCount
      />
      <Button
        block
        color="primary"
        loading={busy}
        onClick={() => void save()}
        data-testid="survey-details-save"
      >
        {t('survey.send')}
      </Button>
    </div>
  );
}

export function SurveyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const { data, error, reload } = useLoad(() => feedbackApi.survey(token), `survey:${token}`);
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [busy, setBusy] = useState(false);
  const s = survey ?? data;
  const pick = async (nps: number) => {
    setBusy(true);
    try {
      setSurvey(await feedbackApi.answer(token, nps));
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
      await reload();
    } finally {
      setBusy(false);
    }
  };
  let body;
  if (!s)
    body = error ? (
      <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
    ) : (
      <Skeleton.Paragraph lineCount={5} animated />
    );
  else if (s.status === 'expired')
    body = <ErrorBlock status="default" title={t('survey.expired')} description="" />;
  else if (s.status !== 'answered')
    body = (
      <>
        <h1 className="survey-title">{t('survey.title', { store: s.storeName ?? '' })}</h1>
        <p className="survey-question">{t('survey.question')}</p>
        <ScoreRow onPick={(n) => void pick(n)} busy={busy} />
      </>
    );
  else
    body = (
      <>
        <Result
          status="success"
          title={t('survey.thanks')}
          description={t('survey.saved', { nps: s.nps })}
        />
        {s.reviewPages.length > 0 && (
          <div className="survey-review" data-testid="survey-review">
            <p>{t('survey.review')}</p>
            {s.reviewPages.map((p) => (
              <a
                key={p.url}
                href={p.url}
                target="_blank"
                rel="noreferrer"
                className="survey-review-link"
              >
                {p.name}
              </a>
            ))}
          </div>
        )}
        {!s.detailsGiven ? (
          <Details survey={s} token={token} onSaved={setSurvey} />
        ) : (
          <p className="survey-done" data-testid="survey-done">
            {t('survey.detailsSaved')}
          </p>
        )}
      </>
    );
  return <div className="page survey-page">{body}</div>;
}
