// Answering a personal-data request: complete it (with a note), reject it (with the reason) or,
// for a deletion, erase the customer — after typing the confirming word.
import { Alert, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, useStateFor } from '../../kit/index.ts';
import type { RequestAction } from './dataRequests.ts';

export function DataRequestActionModal({
  action,
  onClose,
  onDone,
}: {
  action: RequestAction | null;
  onClose(): void;
  onDone(kind: RequestAction['kind']): void;
}) {
  const { t } = useTranslation();
  const [resolution, setResolution] = useStateFor(action, '');
  const [confirmText, setConfirmText] = useStateFor(action, '');
  const eraseWord = t('privacy.eraseWord');
  const kind = action?.kind;

  async function save() {
    const params = { path: { requestId: action!.request.id } };
    if (kind === 'reject')
      await unwrap(
        api.POST('/api/v1/staff/data-requests/{requestId}/reject', {
          params,
          body: { resolution },
        }),
      );
    else
      await unwrap(
        api.POST(
          `/api/v1/staff/data-requests/{requestId}/${kind === 'erase' ? 'erase' : 'complete'}`,
          {
            params,
            body: { resolution: resolution || null },
          },
        ),
      );
    return action!.kind;
  }

  return (
    <FormModal
      open={!!action}
      title={action ? t(`privacy.confirm.${action.kind}`) : ''}
      onSubmit={save}
      onDone={onDone}
      onClose={onClose}
      okText={action ? t(`privacy.${action.kind}`) : ''}
      danger={kind === 'erase'}
      okDisabled={
        (kind === 'reject' && !resolution.trim()) ||
        (kind === 'erase' && confirmText.trim() !== eraseWord)
      }
    >
      {kind === 'erase' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('privacy.eraseWarning')}
        />
      )}
      <Input.TextArea
        rows={3}
        maxLength={1000}
        placeholder={t(kind === 'reject' ? 'privacy.reasonRequired' : 'privacy.note')}
        value={resolution}
        onChange={(e) => setResolution(e.target.value)}
      />
      {kind === 'erase' && (
        <Input
          style={{ marginTop: 12 }}
          placeholder={t('privacy.typeToConfirm', { word: eraseWord })}
          value={confirmText}
          onChange={(e) => setConfirmText(e.target.value)}
          data-testid="erase-confirm"
        />
      )}
    </FormModal>
  );
}
