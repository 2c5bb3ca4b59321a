// "显示号码": a role that sees phone numbers masked asks for the full number; the server writes
// each viewing to the audit log.
import { useState } from 'react';
import { App, Button } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { errorText } from '../../kit/errors.ts';
import { formatPhone } from '../../kit/format.ts';

export function RevealPhone({ customerId, phone }: { customerId: string; phone: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [shown, setShown] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const masked = phone.includes('*');
  const reveal = async () => {
    setBusy(true);
    try {
      const res = await unwrap(
        api.POST('/api/v1/staff/customers/{customerId}/reveal-phone', {
          params: { path: { customerId } },
        }),
      );
      setShown(res.phone);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span>
      <span data-testid="customer-phone">{formatPhone(shown ?? phone)}</span>
      {masked && !shown && (
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          loading={busy}
          onClick={() => void reveal()}
          title={t('privacy.revealHint')}
          data-testid="reveal-phone"
        >
          {t('privacy.reveal')}
        </Button>
      )}
    </span>
  );
}
