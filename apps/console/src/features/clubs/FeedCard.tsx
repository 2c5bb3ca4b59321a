// A club's feed as staff see it: pinned posts first, then newest first, held and hidden posts
// marked; search and a state filter; pin and unpin; approve, hide or restore through moderation
// (always with a reason, kept in its log); and a post written as the shop.
import { useState } from 'react';
import { App, Button, Card, Flex, Input, List, Segmented, Tag, Typography } from 'antd';
import {
  CheckOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  LikeOutlined,
  MessageOutlined,
  PushpinOutlined,
  SearchOutlined,
  SendOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import {
  ErrorAlert,
  ImageUpload,
  LoadMore,
  RowActions,
  StatusTag,
  Thumbnails,
  useAction,
  useDebounced,
  usePagedLoad,
  useSubmit,
} from '../../kit/index.ts';
import type { RowAction } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { DecisionModal, canModerate, type DecisionTarget } from '../moderation/index.ts';
import { BadgeTags } from './BadgeTags.tsx';
import { CommentsList } from './CommentsList.tsx';
import {
  POST_STATES,
  POST_STATE_COLORS,
  canKeepClubs,
  type Club,
  type Post,
  type PostState,
} from './clubs.ts';

const POST_MAX_CHARS = 2000;
const POST_MAX_IMAGES = 9;
type StateFilter = PostState | 'all';

function Composer({ club, onPosted }: { club: Club; onPosted: (p: Post) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmit();
  const [text, setText] = useState('');
  const [imageIds, setImageIds] = useState<string[]>([]);
  const post = async () => {
    const created = await submit.run(() =>
      unwrap(
        api.POST('/api/v1/staff/clubs/{clubId}/posts', {
          params: { path: { clubId: club.id } },
          body: { text: text.trim(), imageIds },
        }),
      ),
    );
    if (!created) return;
    setText('');
    setImageIds([]);
    message.success(t('clubs.feed.posted'));
    onPosted(created);
  };
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={POST_MAX_CHARS}
        placeholder={t('clubs.feed.composerPlaceholder')}
        data-testid="staff-post-text"
      />
      <ImageUpload
        max={POST_MAX_IMAGES}
        purpose="club_post"
        value={imageIds}
        onChange={setImageIds}
        data-testid="staff-post-images"
      />
      <ErrorAlert error={submit.error} />
      <Flex justify="flex-end">
        <Button
          type="primary"
          icon={<SendOutlined />}
          disabled={!text.trim() && !imageIds.length}
          loading={submit.busy}
          onClick={() => void post()}
          data-testid="staff-post-submit"
        >
          {t('clubs.feed.postAsShop')}
        </Button>
      </Flex>
    </Flex>
  );
}

function PostBody({ post }: { post: Post }) {
  const { t } = useTranslation();
  const timeZone = useStaff().tenant.timezone;
  const [comments, setComments] = useState(false);
  return (
    <Flex vertical gap={6} style={{ width: '100%' }}>
      <Flex gap={8} align="center" wrap>
        {post.author.type === 'shop' && <ShopOutlined />}
        <Typography.Text strong>{post.author.name}</Typography.Text>
        <BadgeTags badges={post.author.badges} empty={false} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(post.createdAt, timeZone)}
        </Typography.Text>
        {post.pinned && (
          <Tag icon={<PushpinOutlined />} color="blue" data-testid="post-pinned">
            {t('clubs.feed.pinned')}
          </Tag>
        )}
        {post.state !== 'visible' && (
          <StatusTag
            value={post.state}
            prefix="clubs.postState"
            colors={POST_STATE_COLORS}
            testId="post-state"
          />
        )}
      </Flex>
      <Typography.Paragraph
        style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
        type={post.state === 'hidden' ? 'secondary' : undefined}
        delete={post.state === 'hidden'}
        ellipsis={{ rows: 5, expandable: 'collapsible' }}
        data-testid="post-text"
      >
        {post.text}
      </Typography.Paragraph>
      <Thumbnails photos={post.images} />
      <Flex gap={16}>
        <Typography.Text type="secondary">
          <LikeOutlined /> {post.likeCount}
        </Typography.Text>
        <Typography.Link
          type="secondary"
          disabled={post.commentCount === 0}
          onClick={() => setComments((v) => !v)}
          data-testid="post-comments-toggle"
        >
          <MessageOutlined /> {post.commentCount}
        </Typography.Link>
      </Flex>
      {comments && <CommentsList clubId={post.clubId} postId={post.id} />}
    </Flex>
  );
}

export function FeedCard({ club }: { club: Club }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const keeper = canKeepClubs(staff);
  const moderator = canModerate(staff);
  const { message } = App.useApp();
  const action = useAction();
  const [state, setState] = useState<StateFilter>('all');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [deciding, setDeciding] = useState<DecisionTarget | null>(null);
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/clubs/{clubId}/posts', {
          params: {
            path: { clubId: club.id },
            query: {
              limit: 20,
              ...(q ? { q } : {}),
              ...(state !== 'all' ? { state } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [club.id, q, state],
  );
  const pinned = list.page && !q ? (list.page.pinned ?? []) : [];
  const pinnedIds = new Set(pinned.map((p) => p.id));
  const posts = [...pinned, ...list.items.filter((p) => !pinnedIds.has(p.id))];

  const setPinned = async (p: Post, pin: boolean) => {
    const next = await action.run(
      p.id,
      () =>
        unwrap(
          pin
            ? api.PUT('/api/v1/staff/clubs/{clubId}/posts/{postId}/pin', {
                params: { path: { clubId: club.id, postId: p.id } },
              })
            : api.DELETE('/api/v1/staff/clubs/{clubId}/posts/{postId}/pin', {
                params: { path: { clubId: club.id, postId: p.id } },
              }),
        ),
      pin ? t('clubs.feed.pinDone') : t('clubs.feed.unpinDone'),
    );
    if (next) void list.reload();
  };
  const decide = (p: Post, a: DecisionTarget['action']) =>
    setDeciding({ kind: 'club_post', subjectId: p.id, action: a, excerpt: p.text });

  const actionsOf = (p: Post): RowAction[] => [
    {
      label: t('clubs.feed.pin'),
      icon: <PushpinOutlined />,
      hidden: !keeper || p.pinned || p.state !== 'visible',
      loading: action.busy === p.id,
      onClick: () => void setPinned(p, true),
      testId: 'post-pin',
    },
    {
      label: t('clubs.feed.unpin'),
      icon: <PushpinOutlined />,
      hidden: !keeper || !p.pinned,
      loading: action.busy === p.id,
      onClick: () => void setPinned(p, false),
      testId: 'post-unpin',
    },
    {
      label: t('moderation.decide.action.approve'),
      icon: <CheckOutlined />,
      primary: true,
      hidden: !moderator || p.state !== 'held',
      onClick: () => decide(p, 'approve'),
      testId: 'post-approve',
    },
    {
      label: t('moderation.decide.action.hide'),
      icon: <EyeInvisibleOutlined />,
      danger: true,
      hidden: !moderator || p.state === 'hidden',
      onClick: () => decide(p, 'hide'),
      testId: 'post-hide',
    },
    {
      label: t('moderation.decide.action.restore'),
      icon: <EyeOutlined />,
      hidden: !moderator || p.state !== 'hidden',
      onClick: () => decide(p, 'restore'),
      testId: 'post-restore',
    },
  ];

  return (
    <Card title={t('clubs.feed.title')} data-testid="club-feed">
      <Flex vertical gap={16}>
        {keeper && !club.archived && <Composer club={club} onPosted={() => void list.reload()} />}
        <Flex gap={12} wrap align="center">
          <Segmented<StateFilter>
            value={state}
            onChange={setState}
            data-testid="feed-state-filter"
            options={(['all', ...POST_STATES] as const).map((s) => ({
              value: s,
              label: t(`clubs.feedFilter.${s}`),
            }))}
          />
          <Input
            prefix={<SearchOutlined />}
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('clubs.feed.search')}
            style={{ maxWidth: 280 }}
            data-testid="feed-search"
          />
        </Flex>
        <ErrorAlert error={list.error} onRetry={() => void list.reload()} />
        <List<Post>
          loading={list.loading && !posts.length}
          dataSource={posts}
          rowKey="id"
          locale={{ emptyText: q ? t('clubs.feed.noMatch') : t('clubs.feed.empty') }}
          renderItem={(p) => (
            <List.Item
              data-testid="feed-post"
              data-post-id={p.id}
              data-state={p.state}
              style={{
                alignItems: 'flex-start',
                ...(p.state === 'held' ? { background: '#fffbe6' } : {}),
                ...(p.state === 'hidden' ? { background: '#fafafa' } : {}),
                paddingInline: 8,
              }}
              extra={
                <div style={{ minWidth: 200 }}>
                  <RowActions actions={actionsOf(p)} />
                </div>
              }
            >
              <PostBody post={p} />
            </List.Item>
          )}
        />
        <LoadMore list={list} block />
      </Flex>
      <DecisionModal
        target={deciding}
        onClose={() => setDeciding(null)}
        onDone={(d) => {
          setDeciding(null);
          message.success(t(`moderation.decide.done.${d.action}`));
          void list.reload();
        }}
      />
    </Card>
  );
}
