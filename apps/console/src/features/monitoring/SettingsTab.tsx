// Crisis early warning (舆情预警): the names always watched (the business and its stores), the
// aliases and extra negative words the shop adds, and the built-in words.
import { Card, Flex, Form, Select, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { ErrorAlert, FormCard, useLoad } from '../../kit/index.ts';
import type { Settings } from './monitoring.ts';

type Values = Pick<Settings, 'aliases' | 'negativeWords'>;

export function SettingsTab() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { data, error, reload } = useLoad(
    () => unwrap(api.GET('/api/v1/staff/monitoring/settings')),
    [],
  );
  if (!data)
    return error ? <ErrorAlert error={error} onRetry={() => void reload()} /> : <Skeleton active />;
  const tags = (list: string[], color?: string) => (
    <Flex wrap gap={4}>
      {list.map((x) => (
        <Tag key={x} color={color}>
          {x}
        </Tag>
      ))}
    </Flex>
  );
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('monitoring.settings.names')}>
        {tags(data.names, 'blue')}
      </Card>
      <FormCard<Values, Settings>
        title={t('monitoring.settings.title')}
        form={form}
        formProps={{
          layout: 'vertical',
          initialValues: { aliases: data.aliases, negativeWords: data.negativeWords },
        }}
        fields={['aliases', 'negativeWords']}
        onSubmit={(body) => unwrap(api.PUT('/api/v1/staff/monitoring/settings', { body }))}
        onDone={() => void reload()}
        savedText={t('monitoring.saved')}
        editable
        saveTestId="monitor-settings-save"
      >
        <Typography.Paragraph type="secondary">
          {t('monitoring.settings.help')}
        </Typography.Paragraph>
        <Form.Item name="aliases" label={t('monitoring.settings.aliases')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="negativeWords" label={t('monitoring.settings.negativeWords')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
      </FormCard>
      <Card size="small" title={t('monitoring.settings.builtIn')}>
        {tags(data.builtInNegativeWords)}
      </Card>
    </Flex>
  );
}
