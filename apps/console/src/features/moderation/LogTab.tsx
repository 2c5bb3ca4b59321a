// 审核日志: every decision — who (a staff member or the system), what (held, hidden, restored,
// approved, muted, keywords, settings), on whom, why and when — newest first, filtered by action,
// kind or actor, exported as CSV.
import { useState } from 'react';
import { Card, Flex, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { PagedTable, StatusTag, dateTimeColumn, usePagedLoad } from '../../kit/index.ts';
import type { DataColumn } from '../../kit/index.ts';
import { EMPTY } from '../../kit/format.ts';
import {
  LOG_ACTIONS,
  LOG_ACTION_COLORS,
  SUBJECT_KINDS,
  type LogAction,
  type LogEntry,
} from './moderation.ts';

type ActorFilter = 'all' | 'system' | 'me';

export function LogTab() {
  const { t } = useTranslation();
  const staff = useStaff();
  const timeZone = useStaff().tenant.timezone;
  const [action, setAction] = useState<LogAction | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [actor, setActor] = useState<ActorFilter>('all');
  const list = usePagedLoad(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/staff/moderation/log', {
          params: {
            query: {
              limit: 50,
              ...(action ? { action } : {}),
              ...(kind ? { kind } : {}),
              ...(actor !== 'all' ? { actor: actor === 'me' ? staff.id : 'system' } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [action, kind, actor, staff.id],
  );

  const who = (e: LogEntry) =>
    e.actorType === 'system'
      ? t('moderation.log.system')
      : (e.actorName ?? t(`moderation.log.actorType.${e.actorType}`));
  const what = (e: LogEntry) =>
    [
      e.kind ? t(`moderation.kind.${e.kind}`, { defaultValue: e.kind }) : null,
      e.scopeName,
      e.customerName ?? (e.customerId ? t('moderation.unnamed') : null),
      e.keyword ? `「${e.keyword}」` : null,
      e.subjectText ? `「${e.subjectText}」` : null,
    ]
      .filter(Boolean)
      .join(' · ');
  // The system writes its reasons as codes: the hold's reasons, the reports' weight.
  const why = (e: LogEntry) => {
    if (e.actorType !== 'system') return e.reason;
    if (e.action === 'hold')
      return e.reason
        .split(',')
        .filter(Boolean)
        .map((r) => t(`moderation.reason.${r}`, { defaultValue: r }))
        .join('、');
    const reports = /^reports (\d+)\/(\d+)$/.exec(e.reason);
    if (reports)
      return t('moderation.log.reportsReason', { weight: reports[1], threshold: reports[2] });
    return e.reason;
  };
  const columns: DataColumn<LogEntry>[] = [
    dateTimeColumn(t('moderation.log.at'), (e) => e.at, timeZone),
    {
      title: t('moderation.log.who'),
      key: 'who',
      width: 120,
      render: (_, e) =>
        e.actorType === 'system' ? (
          <Tag>{who(e)}</Tag>
        ) : (
          <Typography.Text>{who(e)}</Typography.Text>
        ),
      csv: who,
    },
    {
      title: t('moderation.log.action'),
      key: 'action',
      width: 110,
      render: (_, e) => (
        <StatusTag
          value={e.action}
          prefix="moderation.log.actions"
          colors={LOG_ACTION_COLORS}
          testId="moderation-log-action"
        />
      ),
      csv: (e) => t(`moderation.log.actions.${e.action}`),
    },
    {
      title: t('moderation.log.what'),
      key: 'what',
      width: 340,
      render: (_, e) => (
        <Flex vertical>
          <Typography.Text>
            {[
              e.kind ? t(`moderation.kind.${e.kind}`, { defaultValue: e.kind }) : null,
              e.scopeName,
              e.customerName ?? (e.customerId ? t('moderation.unnamed') : null),
              e.keyword ? `「${e.keyword}」` : null,
            ]
              .filter(Boolean)
              .join(' · ') || EMPTY}
          </Typography.Text>
          {e.subjectText && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320, fontSize: 12 }}>
              {e.subjectText}
            </Typography.Text>
          )}
        </Flex>
      ),
      csv: what,
    },
    {
      title: t('moderation.log.why'),
      key: 'reason',
      render: (_, e) => <span data-testid="moderation-log-reason">{why(e) || EMPTY}</span>,
      csv: why,
    },
  ];

  return (
    <Card>
      <Flex vertical gap={12}>
        <Flex gap={12} wrap>
          <Select<LogAction>
            allowClear
            placeholder={t('moderation.log.allActions')}
            value={action}
            onChange={setAction}
            style={{ width: 160 }}
            data-testid="moderation-log-action-filter"
            options={LOG_ACTIONS.map((a) => ({
              value: a,
              label: t(`moderation.log.actions.${a}`),
            }))}
          />
          <Select<string>
            allowClear
            placeholder={t('moderation.log.allKinds')}
            value={kind}
            onChange={setKind}
            style={{ width: 140 }}
            options={SUBJECT_KINDS.map((k) => ({ value: k, label: t(`moderation.kind.${k}`) }))}
          />
          <Select<ActorFilter>
            value={actor}
            onChange={setActor}
            style={{ width: 140 }}
            options={(['all', 'me', 'system'] as const).map((a) => ({
              value: a,
              label: t(`moderation.log.actor.${a}`),
            }))}
          />
        </Flex>
        <PagedTable<LogEntry>
          list={list}
          columns={columns}
          rowKey="id"
          csv={{ filename: 'moderation-log.csv', label: t('moderation.csv') }}
          onRow={(e) =>
            ({ 'data-testid': 'moderation-log-row', 'data-subject-id': e.subjectId }) as object
          }
          locale={{ emptyText: t('moderation.log.empty') }}
        />
      </Flex>
    </Card>
  );
}
