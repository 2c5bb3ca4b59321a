// The assistant's settings: on or off, the words that hand over to a person, the failed turns
// before it does, the hours it stays silent after a handover, and its greeting.
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';
import type { AssistantSettings, AssistantSettingsInput } from './assistant.ts';

export function AssistantSettingsModal({
  open,
  settings,
  onClose,
  onSaved,
}: {
  open: boolean;
  settings: AssistantSettings | undefined;
  onClose: () => void;
  onSaved: (s: AssistantSettings) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AssistantSettingsInput>();
  return (
    <FormModal<AssistantSettingsInput, AssistantSettings>
      open={open}
      title={t('assistant.settings.title')}
      form={form}
      values={settings}
      fields={['enabled', 'handoverKeywords', 'maxFailures', 'silenceHours', 'greeting']}
      onSubmit={(body) => unwrap(api.PUT('/api/v1/staff/assistant/settings', { body }))}
      onDone={onSaved}
      onClose={onClose}
      okTestId="assistant-settings-save"
      testId="assistant-settings-form"
    >
      <Form.Item name="enabled" label={t('assistant.settings.enabled')} valuePropName="checked">
        <Switch data-testid="assistant-enabled" />
      </Form.Item>
      <Form.Item
        name="handoverKeywords"
        label={t('assistant.settings.keywords')}
        extra={t('assistant.settings.keywordsHint')}
      >
        <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
      </Form.Item>
      <Form.Item
        name="maxFailures"
        label={t('assistant.settings.maxFailures')}
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={10} />
      </Form.Item>
      <Form.Item
        name="silenceHours"
        label={t('assistant.settings.silenceHours')}
        extra={t('assistant.settings.silenceHint')}
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={72} />
      </Form.Item>
      <Form.Item
        name="greeting"
        label={t('assistant.settings.greeting')}
        rules={[{ required: true }]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}
