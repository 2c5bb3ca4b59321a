// A club's page: what it is (kind, focus, join policy, archived), its figures, its members and
// requests to join, and its feed as staff see it.
import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Image, Space, Tag, Typography } from 'antd';
import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { BackLink, IconTitle, NotLoaded, StatCards, StatusTag, useLoad } from '../../kit/index.ts';
import { EMPTY, formatDay } from '../../kit/format.ts';
import { ClubModal } from './ClubModal.tsx';
import { FeedCard } from './FeedCard.tsx';
import { MembersCard } from './MembersCard.tsx';
import { KIND_COLORS, canKeepClubs, clubFocus } from './clubs.ts';

export default function ClubPage() {
  const { t } = useTranslation();
  const { clubId = '' } = useParams();
  const staff = useStaff();
  const timeZone = useStaff().tenant.timezone;
  const [editing, setEditing] = useState(false);
  const loaded = useLoad(
    () => unwrap(api.GET('/api/v1/staff/clubs/{clubId}', { params: { path: { clubId } } })),
    [clubId],
  );
  const club = loaded.data;
  const back = <BackLink to="/clubs">{t('clubs.back')}</BackLink>;
  if (!club)
    return (
      <NotLoaded loaded={loaded} notFound={t('clubs.notFound')} back={back} testId="club-page" />
    );

  return (
    <Flex vertical gap={16} data-testid="club-page">
      {back}
      <Card
        title={
          <IconTitle icon={<TeamOutlined />}>
            <Space size={8}>
              <span data-testid="club-title">{club.name}</span>
              <StatusTag value={club.kind} prefix="clubs.kind" colors={KIND_COLORS} />
              {club.archived && <Tag>{t('clubs.archivedTag')}</Tag>}
            </Space>
          </IconTitle>
        }
        extra={
          canKeepClubs(staff) && (
            <Button
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              data-testid="club-edit"
            >
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Flex gap={24} align="flex-start" wrap>
          {club.cover && (
            <Image
              src={club.cover.url}
              width={200}
              height={120}
              style={{ objectFit: 'cover', borderRadius: 8 }}
              data-testid="club-cover-image"
            />
          )}
          <Flex vertical gap={16} style={{ flex: 1, minWidth: 280 }}>
            {club.description && (
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                {club.description}
              </Typography.Paragraph>
            )}
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, md: 4 }}
              items={[
                {
                  key: 'focus',
                  label: t('clubs.column.focus'),
                  children: clubFocus(club) || EMPTY,
                },
                {
                  key: 'join',
                  label: t('clubs.column.joinPolicy'),
                  children: t(`clubs.joinPolicy.${club.joinPolicy}`),
                },
                {
                  key: 'created',
                  label: t('clubs.createdAt'),
                  children: formatDay(club.createdAt, timeZone),
                },
              ]}
            />
            <StatCards
              items={[
                {
                  title: t('clubs.stats.members'),
                  value: club.memberCount,
                  valueTestId: 'club-member-count',
                },
                { title: t('clubs.stats.pending'), value: club.pendingCount },
                { title: t('clubs.stats.recentPosts'), value: club.recentPostCount },
                { title: t('clubs.stats.posts'), value: club.postCount },
              ]}
            />
          </Flex>
        </Flex>
      </Card>
      <MembersCard club={club} onChanged={() => void loaded.reload()} />
      <FeedCard club={club} />
      <ClubModal
        club={club}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          loaded.setData(saved);
        }}
      />
    </Flex>
  );
}
