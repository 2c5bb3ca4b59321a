// One check point as the technician walks it: status (green / amber / red), the reading (its
// thresholds suggest the status), a short note, photos from the camera, and for an amber or red
// item the recommended job with labour and parts. Each change is saved as it is made.
import { useRef, useState } from 'react';
import { Button, Card, Flex, Input, InputNumber, Segmented, Tag, Typography } from 'antd';
import { CameraOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { MoneyInput, Thumbnails, useAction } from '../../kit/index.ts';
import { formatFen } from '../../kit/format.ts';
import {
  STATUS_COLORS,
  UNITS,
  type CheckStatus,
  type Inspection,
  type InspectionItem,
} from './inspections.ts';

interface Props {
  inspectionId: string;
  item: InspectionItem;
  editable: boolean;
  onChange(next: Inspection): void;
}

function JobForm({ inspectionId, item, onChange }: Omit<Props, 'editable'>) {
  const { t } = useTranslation();
  const action = useAction();
  const [description, setDescription] = useState(item.job?.description ?? '');
  const [labourFen, setLabour] = useState<number | null>(item.job?.labourFen ?? null);
  const [partsFen, setParts] = useState<number | null>(item.job?.partsFen ?? null);
  const save = async () => {
    const next = await action.run(
      'job',
      () =>
        unwrap(
          api.PUT('/api/v1/staff/inspections/{inspectionId}/items/{itemId}/job', {
            params: { path: { inspectionId, itemId: item.id } },
            body: { description, labourFen: labourFen ?? 0, partsFen: partsFen ?? 0 },
          }),
        ),
      t('inspections.jobSaved'),
    );
    if (next) onChange(next);
  };
  return (
    <Flex vertical gap={8} className="inspection-job" data-testid="inspection-job-form">
      <Typography.Text strong>{t('inspections.job')}</Typography.Text>
      <Input
        value={description}
        maxLength={200}
        placeholder={t('inspections.jobPlaceholder')}
        onChange={(e) => setDescription(e.target.value)}
        data-testid="inspection-job-description"
      />
      <Flex gap={8} wrap>
        <MoneyInput
          value={labourFen}
          onChange={setLabour}
          placeholder={t('inspections.labour')}
          data-testid="inspection-job-labour"
        />
        <MoneyInput
          value={partsFen}
          onChange={setParts}
          placeholder={t('inspections.parts')}
          data-testid="inspection-job-parts"
        />
        <Button
          icon={<SaveOutlined />}
          disabled={!description.trim()}
          loading={action.busy === 'job'}
          onClick={() => void save()}
          data-testid="inspection-job-save"
        >
          {t('inspections.saveJob')}
        </Button>
      </Flex>
    </Flex>
  );
}

function Photos({ inspectionId, item, editable, onChange }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const input = useRef<HTMLInputElement>(null);
  const add = async (file: File) => {
    const next = await action.run('photo', async () => {
      const form = new FormData();
      form.append('file', file);
      form.append('purpose', 'inspection');
      const image = await unwrap(api.POST('/api/v1/staff/media/images', { body: form as never }));
      return unwrap(
        api.PATCH('/api/v1/staff/inspections/{inspectionId}/items/{itemId}', {
          params: { path: { inspectionId, itemId: item.id } },
          body: { photoIds: [...item.photos.map((p) => p.id), image.id] },
        }),
      );
    });
    if (next) onChange(next);
  };
  return (
    <Flex gap={8} wrap align="center">
      <Thumbnails photos={item.photos} radius={6} testId="inspection-photo" />
      {editable && item.photos.length < 6 && (
        <>
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void add(file);
            }}
            data-testid="inspection-photo-input"
          />
          <Button
            icon={<CameraOutlined />}
            loading={action.busy === 'photo'}
            onClick={() => input.current?.click()}
            data-testid="inspection-photo-add"
          >
            {t('inspections.takePhoto')}
          </Button>
        </>
      )}
    </Flex>
  );
}

export function InspectionItemCard(props: Props) {
  const { inspectionId, item, editable, onChange } = props;
  const { t } = useTranslation();
  const action = useAction();
  const [note, setNote] = useState(item.note ?? '');
  const patch = async (body: {
    status?: CheckStatus | null;
    value?: number | null;
    note?: string | null;
  }) => {
    const next = await action.run('patch', () =>
      unwrap(
        api.PATCH('/api/v1/staff/inspections/{inspectionId}/items/{itemId}', {
          params: { path: { inspectionId, itemId: item.id } },
          body,
        }),
      ),
    );
    if (next) onChange(next);
  };
  const finding = item.status === 'amber' || item.status === 'red';
  const color = item.status ? STATUS_COLORS[item.status] : undefined;
  return (
    <Card
      size="small"
      className="inspection-item"
      style={{ borderLeft: `4px solid ${color ?? '#d9d9d9'}` }}
      data-testid={`inspection-item-${item.key}`}
      data-status={item.status ?? ''}
      title={item.label}
      extra={
        item.suggestedStatus &&
        item.suggestedStatus !== item.status && (
          <Tag color={STATUS_COLORS[item.suggestedStatus]}>
            {t('inspections.suggested', {
              status: t(`inspections.status.${item.suggestedStatus}`),
            })}
          </Tag>
        )
      }
    >
      <Flex vertical gap={10}>
        <Flex gap={12} wrap align="center">
          <Segmented<CheckStatus | 'none'>
            value={item.status ?? 'none'}
            disabled={!editable}
            options={(['green', 'amber', 'red'] as const).map((s) => ({
              value: s,
              label: (
                <span data-testid={`inspection-status-${s}`}>{t(`inspections.status.${s}`)}</span>
              ),
            }))}
            onChange={(v) => void patch({ status: v === 'none' ? null : v })}
          />
          {item.measurement !== 'none' && (
            <InputNumber<number>
              key={item.value ?? 'empty'}
              defaultValue={item.value ?? undefined}
              min={item.min ?? undefined}
              max={item.max ?? undefined}
              step={0.5}
              disabled={!editable}
              addonAfter={UNITS[item.measurement]}
              style={{ width: 140 }}
              onBlur={(e) => {
                const raw = e.target.value.trim();
                const value = raw === '' ? null : Number(raw);
                if (value !== item.value && (value === null || Number.isFinite(value)))
                  void patch({ value });
              }}
              data-testid="inspection-value"
            />
          )}
        </Flex>
        <Input
          value={note}
          disabled={!editable}
          maxLength={500}
          placeholder={t('inspections.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            if (note !== (item.note ?? '')) void patch({ note: note || null });
          }}
          data-testid="inspection-note"
        />
        <Photos {...props} />
        {item.decision ? (
          <Tag
            color={item.decision === 'approved' ? 'green' : 'default'}
            data-testid="inspection-decision"
          >
            {t(`inspections.decision.${item.decision}`)} · {item.job?.description} ·{' '}
            {formatFen(item.job?.totalFen ?? 0)}
          </Tag>
        ) : (
          finding &&
          editable && <JobForm inspectionId={inspectionId} item={item} onChange={onChange} />
        )}
      </Flex>
    </Card>
  );
}
