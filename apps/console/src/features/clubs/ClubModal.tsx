// Creating or changing a club: its name and description, what it gathers around (a make, a
// model, a region, an interest), its cover photo, and whether owners join at once or on approval.
import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FieldGrid, FormModal, ImageUpload } from '../../kit/index.ts';
import { CLUB_KINDS, JOIN_POLICIES, type Club, type ClubKind, type JoinPolicy } from './clubs.ts';

interface Values {
  name: string;
  description?: string;
  kind: ClubKind;
  make?: string;
  model?: string;
  region?: string;
  interest?: string;
  joinPolicy: JoinPolicy;
  /** The uploaded cover's id (at most one). */
  cover?: string[];
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

export function ClubModal({
  club,
  open,
  onClose,
  onSaved,
}: {
  /** The club to change; null: a new one. */
  club: Club | null;
  open: boolean;
  onClose: () => void;
  onSaved: (club: Club) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const byMake = kind === 'make' || kind === 'model';

  const save = (v: Values) => {
    const fields = {
      name: v.name,
      description: v.description?.trim() ?? '',
      kind: v.kind,
      make: byMake ? text(v.make) : null,
      model: v.kind === 'model' ? text(v.model) : null,
      region: byMake ? null : text(v.region),
      interest: byMake ? null : text(v.interest),
      joinPolicy: v.joinPolicy,
      coverImageId: v.cover?.[0] ?? null,
    };
    return club
      ? unwrap(
          api.PATCH('/api/v1/staff/clubs/{clubId}', {
            params: { path: { clubId: club.id } },
            body: fields,
          }),
        )
      : unwrap(api.POST('/api/v1/staff/clubs', { body: fields }));
  };

  return (
    <FormModal<Values, Club>
      open={open}
      title={club ? t('clubs.form.editTitle') : t('clubs.form.newTitle')}
      form={form}
      fields={{
        name: 'name',
        make: 'make',
        model: 'model',
        region: 'region',
        interest: 'interest',
        kind: 'kind',
        coverImageId: 'cover',
      }}
      values={
        club
          ? {
              name: club.name,
              description: club.description,
              kind: club.kind,
              make: club.make ?? undefined,
              model: club.model ?? undefined,
              region: club.region ?? undefined,
              interest: club.interest ?? undefined,
              joinPolicy: club.joinPolicy,
              cover: club.coverImageId ? [club.coverImageId] : [],
            }
          : { kind: 'make', joinPolicy: 'open', cover: [] }
      }
      okText={t('common.save')}
      okTestId="club-save"
      testId="club-form"
      width={600}
      onClose={onClose}
      onSubmit={save}
      onDone={onSaved}
    >
      <Form.Item
        name="name"
        label={t('clubs.form.name')}
        rules={[{ required: true, whitespace: true, max: 40 }]}
      >
        <Input
          maxLength={40}
          placeholder={t('clubs.form.namePlaceholder')}
          data-testid="club-name"
        />
      </Form.Item>
      <Form.Item name="cover" label={t('clubs.form.cover')} extra={t('clubs.form.coverHint')}>
        <ImageUpload
          max={1}
          purpose="club_cover"
          initial={
            club?.cover
              ? [{ ...club.cover, width: club.cover.width ?? 0, height: club.cover.height ?? 0 }]
              : []
          }
          data-testid="club-cover"
        />
      </Form.Item>
      <Form.Item name="description" label={t('clubs.form.description')}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      <FieldGrid span={12}>
        <Form.Item name="kind" label={t('clubs.form.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="club-kind"
            options={CLUB_KINDS.map((k) => ({ value: k, label: t(`clubs.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="joinPolicy" label={t('clubs.form.joinPolicy')}>
          <Radio.Group
            optionType="button"
            options={JOIN_POLICIES.map((p) => ({ value: p, label: t(`clubs.joinPolicy.${p}`) }))}
          />
        </Form.Item>
        {byMake && (
          <Form.Item
            name="make"
            label={t('clubs.form.make')}
            rules={[{ required: true, whitespace: true, max: 40 }]}
          >
            <Input
              maxLength={40}
              placeholder={t('clubs.form.makePlaceholder')}
              data-testid="club-make"
            />
          </Form.Item>
        )}
        {kind === 'model' && (
          <Form.Item
            name="model"
            label={t('clubs.form.model')}
            rules={[{ required: true, whitespace: true, max: 40 }]}
          >
            <Input maxLength={40} />
          </Form.Item>
        )}
        {!byMake && (
          <Form.Item name="region" label={t('clubs.form.region')} rules={[{ max: 40 }]}>
            <Input maxLength={40} placeholder={t('clubs.form.regionPlaceholder')} />
          </Form.Item>
        )}
        {!byMake && (
          <Form.Item name="interest" label={t('clubs.form.interest')} rules={[{ max: 20 }]}>
            <Input maxLength={20} placeholder={t('clubs.form.interestPlaceholder')} />
          </Form.Item>
        )}
      </FieldGrid>
    </FormModal>
  );
}
