import { Button } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useStaff } from '../../api.ts';
import { canConverse } from './conversations.ts';

/** From a customer's page to their conversation (and everything sent to them). */
export function ConversationLink({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const staff = useStaff();
  if (!canConverse(staff.role)) return null;
  return (
    <Link to={`/conversations/${customerId}`} data-testid="customer-conversation">
      <Button icon={<MessageOutlined />}>{t('conversations.openFromCustomer')}</Button>
    </Link>
  );
}
