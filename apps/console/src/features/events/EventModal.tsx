// Creating or changing an event: kind, title, place, times in the business's clock, places and
// the party one sign-up may bring, whether the car is asked, and the points for coming.
import { Checkbox, Flex, Form, Input, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useSession } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';
import { instantOfZoned, zonedInputValue } from '../../kit/format.ts';
import { EVENT_KINDS, type EventInput, type EventItem } from './events.ts';

interface EventForm {
  kind: EventInput['kind'];
  title: string;
  description: string;
  place: string;
  startsAt: string;
  endsAt: string;
  signupDeadline: string;
  capacity: number;
  maxPartySize: number;
  askVehicle: boolean;
  attendancePoints: number;
}

const FIELDS = [
  'title',
  'description',
  'place',
  'startsAt',
  'endsAt',
  'signupDeadline',
  'capacity',
];

export function EventModal({
  event,
  open,
  onClose,
  onSaved,
}: {
  event: EventItem | null;
  open: boolean;
  onClose(): void;
  onSaved(e: EventItem): void;
}) {
  const { t } = useTranslation();
  const tz = useSession().staff?.tenant.timezone ?? 'Asia/Shanghai';
  const [form] = Form.useForm<EventForm>();
  const values: Partial<EventForm> = event
    ? {
        kind: event.kind,
        title: event.title,
        description: event.description,
        place: event.place,
        startsAt: zonedInputValue(event.startsAt, tz),
        endsAt: zonedInputValue(event.endsAt, tz),
        signupDeadline: zonedInputValue(event.signupDeadline, tz),
        capacity: event.capacity,
        maxPartySize: event.maxPartySize,
        askVehicle: event.askVehicle,
        attendancePoints: event.attendancePoints,
      }
    : { kind: 'meetup', capacity: 20, maxPartySize: 1, askVehicle: false, attendancePoints: 0 };

  async function save(v: EventForm): Promise<EventItem> {
    const body = {
      ...v,
      description: v.description ?? '',
      place: v.place ?? '',
      startsAt: instantOfZoned(v.startsAt, tz),
      endsAt: instantOfZoned(v.endsAt, tz),
      signupDeadline: instantOfZoned(v.signupDeadline, tz),
    };
    if (event)
      return unwrap(
        api.PATCH('/api/v1/staff/activities/{eventId}', {
          params: { path: { eventId: event.id } },
          body,
        }),
      );
    return unwrap(api.POST('/api/v1/staff/activities', { body }));
  }

  const required = { required: true, message: t('events.form.required') };
  return (
    <FormModal
      open={open}
      title={event ? t('events.form.editTitle') : t('events.form.createTitle')}
      form={form}
      values={values}
      fields={FIELDS}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okTestId="event-save"
      width={640}
      formProps={{ requiredMark: false, layout: 'vertical' }}
      testId="event-form"
    >
      <Form.Item name="kind" label={t('events.form.kind')}>
        <Radio.Group
          optionType="button"
          options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('events.form.title')} rules={[required]}>
        <Input maxLength={60} data-testid="event-title" />
      </Form.Item>
      <Form.Item name="description" label={t('events.form.description')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="place" label={t('events.form.place')}>
        <Input maxLength={120} data-testid="event-place" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="startsAt" label={t('events.form.startsAt')} rules={[required]}>
          <Input type="datetime-local" data-testid="event-starts" />
        </Form.Item>
        <Form.Item name="endsAt" label={t('events.form.endsAt')} rules={[required]}>
          <Input type="datetime-local" data-testid="event-ends" />
        </Form.Item>
        <Form.Item name="signupDeadline" label={t('events.form.deadline')} rules={[required]}>
          <Input type="datetime-local" data-testid="event-deadline" />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="capacity" label={t('events.form.capacity')} rules={[required]}>
          <InputNumber min={1} max={10000} precision={0} data-testid="event-capacity" />
        </Form.Item>
        <Form.Item
          name="maxPartySize"
          label={t('events.form.maxPartySize')}
          tooltip={t('events.form.maxPartySizeHint')}
        >
          <InputNumber min={1} max={20} precision={0} />
        </Form.Item>
        <Form.Item name="attendancePoints" label={t('events.form.points')}>
          <InputNumber min={0} max={100000} precision={0} data-testid="event-points" />
        </Form.Item>
      </Flex>
      <Form.Item name="askVehicle" valuePropName="checked">
        <Checkbox>{t('events.form.askVehicle')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
