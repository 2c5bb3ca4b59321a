// 帮助: the shop's FAQ. A search box answers as the owner types (Chinese or English, typos and
// traditional characters welcome); below it the categories, each opening to its questions.
import { Collapse, Empty, List, NavBar, SearchBar, Skeleton } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { helpApi, type HelpHit } from '../help-api.ts';
import { LoadError } from '../components/StatusScreen.tsx';

/** Results of the latest query as the owner types (a later answer never shows an earlier one). */
function useInstantSearch(q: string): { hits: HelpHit[] | null; failed: string | null } {
  const [state, setState] = useState<{ hits: HelpHit[] | null; failed: string | null }>({
    hits: null,
    failed: null,
  });
  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setState({ hits: null, failed: null });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      helpApi.search(query.slice(0, 200)).then(
        (hits) => live && setState({ hits, failed: null }),
        (e: unknown) => live && setState({ hits: null, failed: errorMessage(e) }),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return state;
}

export function HelpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => helpApi.home(), 'help-home');
  const [q, setQ] = useState('');
  const search = useInstantSearch(q);
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/me', { replace: true });
  };
  const open = (id: string) => navigate(`/help/${id}`);

  return (
    <div className="page help-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('help.title')}
      </NavBar>
      <section className="section">
        <SearchBar
          placeholder={t('help.searchPlaceholder')}
          value={q}
          onChange={setQ}
          maxLength={200}
          data-testid="help-search"
        />
      </section>
      {q.trim() ? (
        <section className="section" data-testid="help-hits">
          {search.failed ? (
            <Empty description={search.failed} />
          ) : search.hits === null ? (
            <Skeleton.Paragraph lineCount={3} animated />
          ) : search.hits.length === 0 ? (
            <Empty description={t('help.noHits')} />
          ) : (
            <List>
              {search.hits.map((h) => (
                <List.Item
                  key={h.entryId}
                  clickable
                  onClick={() => open(h.entryId)}
                  description={<span className="help-hit-answer">{h.answer}</span>}
                  data-testid="help-hit"
                >
                  {h.question}
                </List.Item>
              ))}
            </List>
          )}
        </section>
      ) : !data ? (
        <section className="section">
          {error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : (
            <Skeleton.Paragraph lineCount={6} animated />
          )}
        </section>
      ) : (
        <section className="section">
          {data.categories.length === 0 && data.others.length === 0 ? (
            <Empty description={t('help.empty')} />
          ) : (
            <Collapse accordion>
              {[
                ...data.categories,
                ...(data.others.length
                  ? [{ id: 'others', name: t('help.others'), entries: data.others }]
                  : []),
              ].map((c) => (
                <Collapse.Panel key={c.id} title={`${c.name} (${c.entries.length})`}>
                  <List>
                    {c.entries.map((e) => (
                      <List.Item key={e.id} clickable onClick={() => open(e.id)}>
                        {e.question}
                      </List.Item>
                    ))}
                  </List>
                </Collapse.Panel>
              ))}
            </Collapse>
          )}
        </section>
      )}
    </div>
  );
}
