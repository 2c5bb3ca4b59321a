// Writing an FAQ entry: the zh-CN and English texts side by side, its category, order and
// whether owners see it (published) or not yet (draft).
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';
import type { HelpCategory, HelpEntry, HelpEntryBody } from './help.ts';

type EntryForm = Omit<HelpEntryBody, 'categoryId'> & { categoryId?: string | null };

export function EntryModal({
  entry,
  categories,
  onClose,
  onSaved,
}: {
  entry: HelpEntry | null;
  categories: readonly HelpCategory[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const required = { required: true, message: t('help.form.required') };
  const values: Partial<EntryForm> = entry
    ? { ...entry }
    : { status: 'draft', position: 0, categoryId: categories[0]?.id ?? null };
  const save = (v: EntryForm) => {
    const body = {
      categoryId: v.categoryId ?? null,
      questionZh: v.questionZh,
      answerZh: v.answerZh,
      questionEn: v.questionEn ?? '',
      answerEn: v.answerEn ?? '',
      status: v.status,
      position: v.position ?? 0,
    };
    return entry
      ? unwrap(
          api.PUT('/api/v1/staff/help/entries/{entryId}', {
            params: { path: { entryId: entry.id } },
            body,
          }),
        )
      : unwrap(api.POST('/api/v1/staff/help/entries', { body }));
  };
  return (
    <FormModal<EntryForm, HelpEntry>
      open
      width={900}
      title={t(entry ? 'help.entry.edit' : 'help.entry.new')}
      values={values}
      fields={[
        'categoryId',
        'questionZh',
        'answerZh',
        'questionEn',
        'answerEn',
        'status',
        'position',
      ]}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okTestId="help-entry-save"
      formProps={{ layout: 'vertical', requiredMark: false }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="questionZh" label={t('help.entry.questionZh')} rules={[required]}>
            <Input maxLength={200} data-testid="help-entry-question-zh" />
          </Form.Item>
          <Form.Item name="answerZh" label={t('help.entry.answerZh')} rules={[required]}>
            <Input.TextArea rows={6} maxLength={4000} data-testid="help-entry-answer-zh" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="questionEn" label={t('help.entry.questionEn')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="answerEn" label={t('help.entry.answerEn')}>
            <Input.TextArea rows={6} maxLength={4000} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="categoryId" label={t('help.entry.category')}>
            <Select
              allowClear
              options={categories.map((c) => ({ value: c.id, label: c.nameZh }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="status" label={t('help.entry.status')}>
            <Select
              options={(['draft', 'published'] as const).map((s) => ({
                value: s,
                label: t(`help.status.${s}`),
              }))}
              data-testid="help-entry-status"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="position" label={t('help.entry.position')}>
            <InputNumber min={0} max={10000} precision={0} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
