// Opening or changing a call for contributions (征稿): theme, description, deadline in the
// business's clock, the section of an issue it feeds, and the points for a published piece.
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession } from '../../api.ts';
import { FormModal, useLoad } from '../../kit/index.ts';
import { instantOfZoned, zonedInputValue } from '../../kit/format.ts';
import type { Call } from './magazine.ts';

interface CallForm {
  theme: string;
  description?: string;
  deadline: string;
  sectionId: string;
  points: number;
}

export function CallModal({
  call,
  open,
  onClose,
  onSaved,
}: {
  call: Call | null;
  open: boolean;
  onClose(): void;
  onSaved(c: Call): void;
}) {
  const { t } = useTranslation();
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const [form] = Form.useForm<CallForm>();
  const issues = useLoad(
    async () => {
      const list = await unwrap(api.GET('/api/v1/staff/magazine/issues'));
      const open = list.items.filter((i) => i.status !== 'archived');
      return Promise.all(
        open.map((i) =>
          unwrap(
            api.GET('/api/v1/staff/magazine/issues/{issueId}', {
              params: { path: { issueId: i.id } },
            }),
          ),
        ),
      );
    },
    [open],
    { enabled: open && !call },
  );
  const sections = (issues.data ?? []).flatMap((i) =>
    i.sections.map((s) => ({ value: s.id, label: `${i.title} · ${s.title}` })),
  );
  const values: Partial<CallForm> = call
    ? {
        theme: call.theme,
        description: call.description,
        deadline: zonedInputValue(call.deadline, tz),
        sectionId: call.sectionId,
        points: call.points,
      }
    : { points: 100 };

  async function save(v: CallForm): Promise<Call> {
    const common = {
      theme: v.theme,
      description: v.description ?? '',
      deadline: instantOfZoned(v.deadline, tz),
      points: v.points,
    };
    if (call)
      return unwrap(
        api.PATCH('/api/v1/staff/magazine/calls/{callId}', {
          params: { path: { callId: call.id } },
          body: common,
        }),
      );
    return unwrap(
      api.POST('/api/v1/staff/magazine/calls', { body: { ...common, sectionId: v.sectionId } }),
    );
  }

  const required = { required: true, message: t('magazine.form.required') };
  return (
    <FormModal
      open={open}
      title={call ? t('magazine.call.editTitle') : t('magazine.call.newTitle')}
      form={form}
      values={values}
      fields={['theme', 'description', 'deadline', 'sectionId', 'points']}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okTestId="magazine-call-save"
      formProps={{ layout: 'vertical', requiredMark: false }}
    >
      <Form.Item name="theme" label={t('magazine.call.theme')} rules={[required]}>
        <Input maxLength={60} data-testid="magazine-call-theme" />
      </Form.Item>
      <Form.Item name="description" label={t('magazine.call.description')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="deadline" label={t('magazine.call.deadline')} rules={[required]}>
        <Input type="datetime-local" data-testid="magazine-call-deadline" />
      </Form.Item>
      {!call && (
        <Form.Item name="sectionId" label={t('magazine.call.section')} rules={[required]}>
          <Select options={sections} loading={issues.loading} data-testid="magazine-call-section" />
        </Form.Item>
      )}
      <Form.Item name="points" label={t('magazine.call.points')}>
        <InputNumber min={0} max={100000} precision={0} />
      </Form.Item>
    </FormModal>
  );
}
