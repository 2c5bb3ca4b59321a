// A live SLA timer: the business time left, counting down in the browser while the store is
// open, red once breached, grey while paused (waiting for parts or the owner).
import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatLeft, minutesLeft, type Sla, type SlaClock } from './feedback.ts';

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function SlaTimer({
  sla,
  clock,
  label,
  testId,
}: {
  sla: Sla;
  clock: SlaClock;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const left = minutesLeft(sla, clock, now);
  if (left === null)
    return clock.breached ? (
      <Tag color="red" data-testid={testId} data-state="breached-done">
        {label} · {t('feedback.sla.wasBreached')}
      </Tag>
    ) : null;
  const breached = clock.breached || left <= 0;
  const state = sla.paused ? 'paused' : breached ? 'breached' : left < 30 ? 'soon' : 'running';
  const color = { paused: 'default', breached: 'red', soon: 'orange', running: 'green' }[state];
  return (
    <Tooltip title={sla.paused ? t('feedback.sla.pausedHint') : t('feedback.sla.runningHint')}>
      <Tag
        color={color}
        icon={sla.paused ? <PauseCircleOutlined /> : <ClockCircleOutlined />}
        data-testid={testId}
        data-state={state}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {label} {breached && !sla.paused ? t('feedback.sla.overdue') : ''} {formatLeft(left)}
        {sla.paused ? ` · ${t('feedback.sla.paused')}` : ''}
      </Tag>
    </Tooltip>
  );
}

/** Both clocks of a ticket, stacked. */
export function SlaTimers({ sla, testId }: { sla: Sla; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 4 }}>
      <SlaTimer
        sla={sla}
        clock={sla.firstResponse}
        label={t('feedback.sla.first')}
        testId={testId && `${testId}-first`}
      />
      <SlaTimer
        sla={sla}
        clock={sla.resolution}
        label={t('feedback.sla.resolve')}
        testId={testId && `${testId}-resolve`}
      />
    </span>
  );
}
