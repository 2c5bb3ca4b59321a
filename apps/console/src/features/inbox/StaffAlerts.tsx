// What staff must hear of at once while the console is open, from the live events: the assistant
// handed a conversation to a person, a complaint's SLA was breached, a survey answer was a
// warning. A notification with a button to the conversation or the ticket; the e-mail or SMS
// notice is sent as well (the console may be closed).
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useStaffEvents } from './conversations.ts';

export function useStaffAlerts(enabled: boolean) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  useStaffEvents((e) => {
    const open = (key: string, path: string) => () => {
      notification.destroy(key);
      navigate(path);
    };
    if (e.type === 'assistant.handover' && typeof e.data.customerId === 'string') {
      const key = `handover:${String(e.data.conversationId)}`;
      notification.info({
        key,
        message: t('alerts.handover'),
        description: t(`assistant.reason.${String(e.data.reason)}`, {
          defaultValue: t('alerts.handoverAny'),
        }),
        btn: (
          <Button
            type="primary"
            size="small"
            data-testid="alert-open-conversation"
            onClick={open(key, `/conversations/${e.data.customerId}`)}
          >
            {t('alerts.reply')}
          </Button>
        ),
        duration: 0,
      });
    } else if (e.type === 'feedback.alert' && typeof e.data.ticketId === 'string') {
      const key = `ticket:${e.data.ticketId}:${String(e.data.kind)}`;
      notification.warning({
        key,
        message: t(e.data.kind === 'sla_breach' ? 'alerts.slaBreach' : 'alerts.surveyWarning'),
        btn: (
          <Button size="small" onClick={open(key, `/complaints/${e.data.ticketId}`)}>
            {t('alerts.openTicket')}
          </Button>
        ),
        duration: 0,
      });
    }
  }, enabled);
}
