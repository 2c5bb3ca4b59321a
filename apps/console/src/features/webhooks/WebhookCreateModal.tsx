// A new webhook: the URL, a description and the events it subscribes to.
import { Checkbox, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';

interface CreateValues {
  url: string;
  description?: string;
  eventTypes: string[];
}

export function WebhookCreateModal(props: {
  open: boolean;
  eventTypes: string[];
  onClose: () => void;
  onCreated: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const create = (values: CreateValues) =>
    unwrap(
      api.POST('/api/v1/staff/webhooks', {
        body: {
          url: values.url,
          description: values.description || null,
          eventTypes: values.eventTypes as never,
        },
      }),
    );

  return (
    <FormModal
      open={props.open}
      title={t('webhooks.create')}
      form={form}
      fields={['url', 'eventTypes']}
      onSubmit={create}
      onDone={(created) => props.onCreated(created.secret)}
      onClose={props.onClose}
      okText={t('webhooks.createOk')}
      width={640}
      formProps={{ initialValues: { eventTypes: [] } }}
    >
      <Form.Item
        name="url"
        label={t('webhooks.url')}
        rules={[{ required: true, message: t('webhooks.urlRequired') }]}
        extra={t('webhooks.urlHelp')}
      >
        <Input placeholder="https://example.com/liuke/events" data-testid="webhook-url" />
      </Form.Item>
      <Form.Item name="description" label={t('webhooks.description')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="eventTypes"
        label={t('webhooks.events')}
        rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.eventsRequired') }]}
      >
        <Checkbox.Group style={{ width: '100%' }}>
          <Flex wrap gap={8}>
            {props.eventTypes.map((e) => (
              <Checkbox key={e} value={e} style={{ width: 260, marginInlineStart: 0 }}>
                <Typography.Text code>{e}</Typography.Text>
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
    </FormModal>
  );
}
