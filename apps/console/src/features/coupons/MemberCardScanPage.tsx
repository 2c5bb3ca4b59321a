// 扫会员码: staff scan the QR code on the customer's app (camera), or type / paste its code,
// and the customer opens — ready to apply coupons or the wallet to an order.
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Flex, Input, Typography } from 'antd';
import { CameraOutlined, ScanOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';

const READER_ID = 'member-card-reader';

interface Scanner {
  stop(): Promise<void>;
}

export default function MemberCardScanPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const scanner = useRef<Scanner | null>(null);

  async function resolve(raw: string) {
    const token = raw.trim();
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      const card = await unwrap(
        api.GET('/api/v1/staff/member-cards/{token}', { params: { path: { token } } }),
      );
      await stopCamera();
      navigate(`/customers/${card.customerId}`);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function stopCamera() {
    const s = scanner.current;
    scanner.current = null;
    setCamera(false);
    if (s) await s.stop().catch(() => undefined);
  }

  async function startCamera() {
    setError(null);
    setCamera(true);
    try {
      const { Html5Qrcode } = await import('html5-qrcode');
      const qr = new Html5Qrcode(READER_ID);
      let handled = false;
      await qr.start(
        { facingMode: 'environment' },
        { fps: 10, qrbox: 240 },
        (text) => {
          if (handled) return;
          handled = true;
          setValue(text);
          void resolve(text);
        },
        () => undefined,
      );
      scanner.current = { stop: () => qr.stop() };
    } catch {
      setCamera(false);
      setError(t('memberCard.scan.noCamera'));
    }
  }

  useEffect(
    () => () => {
      void scanner.current?.stop().catch(() => undefined);
    },
    [],
  );

  return (
    <Card title={t('memberCard.scan.title')} style={{ maxWidth: 640 }}>
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('memberCard.scan.hint')}
        </Typography.Paragraph>
        <Input.Search
          autoFocus
          size="large"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={t('memberCard.scan.placeholder')}
          enterButton={
            <span>
              <ScanOutlined /> {t('memberCard.scan.open')}
            </span>
          }
          loading={busy}
          onSearch={(v) => void resolve(v)}
          data-testid="member-card-input"
        />
        <Flex gap={8}>
          {camera ? (
            <Button icon={<StopOutlined />} onClick={() => void stopCamera()}>
              {t('memberCard.scan.stopCamera')}
            </Button>
          ) : (
            <Button icon={<CameraOutlined />} onClick={() => void startCamera()}>
              {t('memberCard.scan.camera')}
            </Button>
          )}
        </Flex>
        <div id={READER_ID} style={{ width: '100%', maxWidth: 360 }} />
        {error && <Alert type="error" showIcon title={error} data-testid="member-card-error" />}
      </Flex>
    </Card>
  );
}
