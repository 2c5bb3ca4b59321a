// The 会话 entry of the menu, with the unread count as a badge.
import { Link } from 'react-router-dom';
import { Badge, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/** The menu entry with the unread badge (shown to those who answer customers). */
export function ConversationsNavLabel({ unread }: { unread: number }) {
  const { t } = useTranslation();
  return (
    <Link to="/conversations" data-testid="nav-conversations">
      <Flex justify="space-between" align="center" gap={8}>
        {t('conversations.nav')}
        <Badge count={unread} size="small" data-testid="nav-conversations-unread" />
      </Flex>
    </Link>
  );
}
