// A post of a club with its comments (oldest first) and a box to write one; members comment.
import { Button, Input, NavBar, Skeleton, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { clubApi, type Comment } from '../club-api.ts';
import { ago } from '../club-format.ts';
import { ClubBadges } from '../components/ClubBadges.tsx';
import { PostCard } from '../components/PostCard.tsx';
import { ReportAction } from '../components/ReportAction.tsx';
import { LoadError } from '../components/StatusScreen.tsx';
import '../clubs.css';

function CommentItem({ c, canReport }: { c: Comment; canReport: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="club-comment" data-testid="club-comment">
      <div className="club-comment-head">
        <span className="club-post-name">
          {c.author.name}
          <ClubBadges badges={c.author.badges} />
        </span>
        <span className="club-post-time">{ago(t, c.createdAt, i18n.language)}</span>
      </div>
      <p className="club-comment-text">
        {c.text}
        {c.state === 'held' && <span className="club-held-mark"> · {t('clubs.held')}</span>}
      </p>
      {canReport && !c.mine && c.author.type === 'customer' && c.state === 'visible' && (
        <ReportAction kind="club_comment" subjectId={c.id} />
      )}
    </li>
  );
}

export function ClubPostPage() {
  const { clubId = '', postId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(
    () => Promise.all([clubApi.post(clubId, postId), clubApi.club(clubId)]),
    `club-post-${postId}`,
  );
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate(`/clubs/${clubId}`, { replace: true });
  };
  async function send() {
    setBusy(true);
    try {
      await clubApi.comment(clubId, postId, text);
      setText('');
      await reload();
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }
  const [post, club] = data ?? [];
  const member = club?.membership?.status === 'active';
  return (
    <div className="page club-post-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {club?.name ?? ''}
      </NavBar>
      {!post ? (
        <section className="section">
          {error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
          ) : (
            <Skeleton.Paragraph lineCount={6} animated />
          )}
        </section>
      ) : (
        <>
          <PostCard post={post} canLike={member} link={false} />
          <section className="section">
            <h2 className="section-title">
              {t('clubs.commentsCount', { count: post.comments.length })}
            </h2>
            {post.comments.length === 0 ? (
              <p className="community-empty">{t('clubs.noComments')}</p>
            ) : (
              <ul className="club-comments">
                {post.comments.map((c) => (
                  <CommentItem key={c.id} c={c} canReport={member} />
                ))}
              </ul>
            )}
          </section>
          {member && post.state === 'visible' && (
            <div className="club-comment-box">
              <Input
                value={text}
                onChange={setText}
                maxLength={500}
                placeholder={t('clubs.commentPlaceholder')}
                data-testid="comment-text"
              />
              <Button
                color="primary"
                size="small"
                shape="rounded"
                loading={busy}
                disabled={!text.trim()}
                onClick={() => void send()}
                data-testid="comment-send"
              >
                {t('clubs.send')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
