// A post's comments as staff see them (held and hidden too, oldest first), each with hide or
// restore through moderation; read when staff open them under the post.
import { useState } from 'react';
import { App, Flex, List, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { ErrorAlert, RowActions, StatusTag, useLoad } from '../../kit/index.ts';
import { formatDateTime } from '../../kit/format.ts';
import { DecisionModal, canModerate, type DecisionTarget } from '../moderation/index.ts';
import { BadgeTags } from './BadgeTags.tsx';
import { POST_STATE_COLORS } from './clubs.ts';

export function CommentsList({ clubId, postId }: { clubId: string; postId: string }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const { message } = App.useApp();
  const moderator = canModerate(staff);
  const [deciding, setDeciding] = useState<DecisionTarget | null>(null);
  const loaded = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/staff/clubs/{clubId}/posts/{postId}', {
          params: { path: { clubId, postId } },
        }),
      ),
    [clubId, postId],
  );
  const comments = loaded.data?.comments ?? [];
  return (
    <Flex vertical gap={4} style={{ paddingInlineStart: 16 }} data-testid="post-comments">
      <ErrorAlert error={loaded.error} onRetry={() => void loaded.reload()} />
      <List
        size="small"
        loading={loaded.loading && !loaded.data}
        dataSource={comments}
        rowKey="id"
        locale={{ emptyText: t('clubs.feed.noComments') }}
        renderItem={(c) => (
          <List.Item
            data-testid="post-comment"
            data-state={c.state}
            extra={
              moderator && (
                <RowActions
                  actions={[
                    {
                      label: t('moderation.decide.action.hide'),
                      icon: <EyeInvisibleOutlined />,
                      danger: true,
                      hidden: c.state === 'hidden',
                      onClick: () =>
                        setDeciding({
                          kind: 'club_comment',
                          subjectId: c.id,
                          action: 'hide',
                          excerpt: c.text,
                        }),
                      testId: 'comment-hide',
                    },
                    {
                      label: t('moderation.decide.action.restore'),
                      icon: <EyeOutlined />,
                      hidden: c.state !== 'hidden',
                      onClick: () =>
                        setDeciding({
                          kind: 'club_comment',
                          subjectId: c.id,
                          action: 'restore',
                          excerpt: c.text,
                        }),
                      testId: 'comment-restore',
                    },
                  ]}
                />
              )
            }
          >
            <Flex vertical gap={2}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{c.author.name}</Typography.Text>
                <BadgeTags badges={c.author.badges} empty={false} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(c.createdAt, staff.tenant.timezone)}
                </Typography.Text>
                {c.state !== 'visible' && (
                  <StatusTag value={c.state} prefix="clubs.postState" colors={POST_STATE_COLORS} />
                )}
              </Flex>
              <Typography.Text
                type={c.state === 'hidden' ? 'secondary' : undefined}
                delete={c.state === 'hidden'}
                style={{ whiteSpace: 'pre-wrap' }}
              >
                {c.text}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <DecisionModal
        target={deciding}
        onClose={() => setDeciding(null)}
        onDone={(d) => {
          setDeciding(null);
          message.success(t(`moderation.decide.done.${d.action}`));
          void loaded.reload();
        }}
      />
    </Flex>
  );
}
