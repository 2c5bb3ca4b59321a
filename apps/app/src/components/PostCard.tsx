// One post of a club feed: the author with their badges, the text, a grid of photos that open
// full-screen, and the like and comment counts. A held post is marked 审核中 (only its author
// sees it).
import { Image, ImageViewer, Tag, Toast } from 'antd-mobile';
import { HeartFill, HeartOutline, MessageOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api.ts';
import { clubApi, type Post } from '../club-api.ts';
import { ago } from '../club-format.ts';
import { ClubBadges } from './ClubBadges.tsx';
import { ReportAction } from './ReportAction.tsx';

function Photos({ images }: { images: Post['images'] }) {
  if (images.length === 0) return null;
  const open = (index: number) =>
    ImageViewer.Multi.show({ images: images.map((i) => i.url), defaultIndex: index });
  return (
    <div
      className={`club-photos club-photos-${Math.min(images.length, 3)}`}
      data-testid="post-photos"
    >
      {images.map((img, i) => (
        <Image
          key={img.id}
          src={img.thumbUrl}
          fit="cover"
          lazy
          className="club-photo"
          onClick={(e) => {
            e.preventDefault();
            e.stopPropagation();
            open(i);
          }}
        />
      ))}
    </div>
  );
}

export function PostCard({
  post,
  canLike,
  link = true,
}: {
  post: Post;
  canLike: boolean;
  /** Whether the text and comment count open the post (not on the post's own page). */
  link?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [liked, setLiked] = useState(post.likedByMe);
  const [likes, setLikes] = useState(post.likeCount);
  const [busy, setBusy] = useState(false);
  const to = `/clubs/${post.clubId}/posts/${post.id}`;

  async function toggleLike() {
    if (!canLike || busy || post.state !== 'visible') return;
    setBusy(true);
    try {
      const r = await clubApi.like(post.clubId, post.id, !liked);
      setLiked(r.liked);
      setLikes(r.likeCount);
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const body = <p className="club-post-text">{post.text}</p>;
  return (
    <article className="club-post" data-testid="club-post" data-post-id={post.id}>
      <header className="club-post-head">
        <span className="club-avatar" aria-hidden>
          {post.author.name.slice(0, 1)}
        </span>
        <div className="club-post-who">
          <div className="club-post-name">
            <span data-testid="post-author">{post.author.name}</span>
            <ClubBadges badges={post.author.badges} />
          </div>
          <div className="club-post-time">{ago(t, post.createdAt, i18n.language)}</div>
        </div>
        {post.pinned && (
          <Tag color="danger" fill="outline">
            {t('clubs.pinned')}
          </Tag>
        )}
        {post.state === 'held' && (
          <Tag color="warning" data-testid="post-held">
            {t('clubs.held')}
          </Tag>
        )}
      </header>
      {link ? (
        <Link to={to} className="club-post-link">
          {body}
        </Link>
      ) : (
        body
      )}
      <Photos images={post.images} />
      <footer className="club-post-actions">
        <button
          type="button"
          className={liked ? 'club-action club-action-on' : 'club-action'}
          onClick={() => void toggleLike()}
          disabled={!canLike || post.state !== 'visible'}
          aria-pressed={liked}
          data-testid="post-like"
        >
          {liked ? <HeartFill /> : <HeartOutline />} <span data-testid="post-likes">{likes}</span>
        </button>
        {link ? (
          <Link to={to} className="club-action" data-testid="post-comments">
            <MessageOutline /> {post.commentCount}
          </Link>
        ) : (
          <span className="club-action">
            <MessageOutline /> {post.commentCount}
          </span>
        )}
        {canLike && !post.mine && post.author.type === 'customer' && post.state === 'visible' && (
          <ReportAction kind="club_post" subjectId={post.id} />
        )}
      </footer>
    </article>
  );
}
