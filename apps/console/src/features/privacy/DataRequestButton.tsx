// 登记个人信息请求: a customer asks at the counter, by phone or by letter for a copy, a correction
// or the deletion of their data; the request then runs against its deadline like one from the app.
import { useState } from 'react';
import { App, Button, Input, Radio, Space } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';

type Kind = 'export' | 'correction' | 'deletion';

export default function DataRequestButton({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>('export');
  const [text, setText] = useState('');
  if (!['owner', 'manager', 'advisor'].includes(staff.role)) return null;

  const save = () =>
    unwrap(
      api.POST('/api/v1/staff/customers/{customerId}/data-requests', {
        params: { path: { customerId } },
        body: { kind, message: text.trim() || null },
      }),
    );

  return (
    <>
      <Button
        icon={<SafetyCertificateOutlined />}
        onClick={() => {
          setKind('export');
          setText('');
          setOpen(true);
        }}
        data-testid="data-request-record"
      >
        {t('privacy.record')}
      </Button>
      <FormModal
        open={open}
        title={t('privacy.record')}
        onSubmit={save}
        onDone={(r) => {
          message.success(t('privacy.recorded', { date: r.dueOn }));
          setOpen(false);
        }}
        onClose={() => setOpen(false)}
        okText={t('privacy.recordOk')}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(['export', 'correction', 'deletion'] as const).map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`privacy.kinds.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder={t('privacy.recordNote')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Space>
      </FormModal>
    </>
  );
}
