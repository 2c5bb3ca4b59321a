// 举报: a small action that opens the reasons and sends the report to moderation.
import { ActionSheet, Toast } from 'antd-mobile';
import { ExclamationCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api.ts';
import { clubApi, REPORT_REASONS } from '../club-api.ts';

export function ReportAction({
  kind,
  subjectId,
}: {
  kind: 'club_post' | 'club_comment';
  subjectId: string;
}) {
  const { t } = useTranslation();
  function open() {
    const handler = ActionSheet.show({
      extra: t('clubs.reportTitle'),
      cancelText: t('clubs.cancel'),
      actions: REPORT_REASONS.map((reason) => ({
        key: reason,
        text: t(`clubs.reasons.${reason}`),
        onClick: async () => {
          handler.close();
          try {
            await clubApi.report(kind, subjectId, reason);
            Toast.show({ content: t('clubs.reported') });
          } catch (e) {
            Toast.show({ content: errorMessage(e) });
          }
        },
      })),
    });
  }
  return (
    <button
      type="button"
      className="club-action club-action-report"
      onClick={open}
      data-testid="report"
    >
      <ExclamationCircleOutline /> {t('clubs.report')}
    </button>
  );
}
