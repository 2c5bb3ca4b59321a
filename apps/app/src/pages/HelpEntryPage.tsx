// One question of the help center with its answer, and "was this helpful?" (yes / no, which the
// owner can change; the shop sees the counts).
import { Button, NavBar, Skeleton, Space, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { helpApi } from '../help-api.ts';
import { LoadError } from '../components/StatusScreen.tsx';

export function HelpEntryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { entryId = '' } = useParams();
  const { data, error, reload } = useLoad(() => helpApi.entry(entryId), `help-entry-${entryId}`);
  const [vote, setVote] = useState<boolean | null | undefined>(undefined);
  const myVote = vote === undefined ? (data?.myVote ?? null) : vote;
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/help', { replace: true });
  };
  const answer = async (helpful: boolean) => {
    try {
      await helpApi.vote(entryId, helpful);
      setVote(helpful);
      Toast.show({ content: t('help.thanks') });
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e) });
    }
  };

  return (
    <div className="page help-entry-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {data?.categoryName ?? t('help.title')}
      </NavBar>
      <section className="section">
        {!data ? (
          error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : (
            <Skeleton.Paragraph lineCount={5} animated />
          )
        ) : (
          <article className="help-entry">
            <h2 data-testid="help-entry-question">{data.question}</h2>
            <p data-testid="help-entry-answer" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }}>
              {data.answer}
            </p>
            <div className="help-vote">
              <p>{t('help.wasHelpful')}</p>
              <Space>
                <Button
                  size="small"
                  color={myVote === true ? 'primary' : 'default'}
                  onClick={() => void answer(true)}
                  data-testid="help-vote-yes"
                >
                  {t('help.yes')}
                </Button>
                <Button
                  size="small"
                  color={myVote === false ? 'primary' : 'default'}
                  onClick={() => void answer(false)}
                  data-testid="help-vote-no"
                >
                  {t('help.no')}
                </Button>
              </Space>
            </div>
          </article>
        )}
      </section>
    </div>
  );
}
