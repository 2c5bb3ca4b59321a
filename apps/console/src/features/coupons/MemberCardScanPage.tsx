// 扫会员码: staff scan the QR code on the customer's app (camera), or type / paste its code,
// and the customer opens — ready to apply coupons or the wallet to an order.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Card, Flex, Typography } from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { ErrorAlert, QrCodeInput, useSubmit } from '../../kit/index.ts';

export default function MemberCardScanPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const submit = useSubmit();

  async function resolve(raw: string) {
    const token = raw.trim();
    if (!token) return;
    const card = await submit.run(() =>
      unwrap(api.GET('/api/v1/staff/member-cards/{token}', { params: { path: { token } } })),
    );
    if (card) navigate(`/customers/${card.customerId}`);
  }

  return (
    <Card title={t('memberCard.scan.title')} style={{ maxWidth: 640 }}>
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('memberCard.scan.hint')}
        </Typography.Paragraph>
        <QrCodeInput
          value={value}
          onChange={setValue}
          onSubmit={(v) => void resolve(v)}
          loading={submit.busy}
          placeholder={t('memberCard.scan.placeholder')}
          enterButton={
            <span>
              <ScanOutlined /> {t('memberCard.scan.open')}
            </span>
          }
          labels={{
            camera: t('memberCard.scan.camera'),
            stopCamera: t('memberCard.scan.stopCamera'),
          }}
          onNoCamera={() => submit.setError(t('memberCard.scan.noCamera'))}
          onCameraStart={() => submit.setError(null)}
          testId="member-card-input"
        />
        <ErrorAlert error={submit.error} data-testid="member-card-error" />
      </Flex>
    </Card>
  );
}
