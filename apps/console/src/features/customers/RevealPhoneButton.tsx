// "显示号码": a role that sees phone numbers masked asks for the full number; the server writes
// each viewing to the audit log.
import { useState } from 'react';
import { Button } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { useAction } from '../../kit/index.ts';
import { formatPhone } from '../../kit/format.ts';

export function RevealPhone({ customerId, phone }: { customerId: string; phone: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string | null>(null);
  const action = useAction();
  const masked = phone.includes('*');
  const reveal = async () => {
    const res = await action.run('reveal', () =>
      unwrap(
        api.POST('/api/v1/staff/customers/{customerId}/reveal-phone', {
          params: { path: { customerId } },
        }),
      ),
    );
    if (res) setShown(res.phone);
  };
  return (
    <span>
      <span data-testid="customer-phone">{formatPhone(shown ?? phone)}</span>
      {masked && !shown && (
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          loading={action.busy !== null}
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
