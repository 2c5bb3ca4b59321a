// Reviewing a flagged referral: approve or reject it with a note (logged server-side).
import { Descriptions, Flex, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { FormModal, useStateFor } from '../../kit/index.ts';
import { EMPTY, formatDateTime } from '../../kit/format.ts';
import { ReferralFlags, type Referral } from './ReferralCommon.tsx';

export function ReviewModal({
  referral,
  onClose,
  onDone,
}: {
  referral: Referral | null;
  onClose(): void;
  onDone(r: Referral): void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [decision, setDecision] = useStateFor<'approve' | 'reject'>(referral, 'approve');
  const [note, setNote] = useStateFor(referral, '');

  return (
    <FormModal
      open={referral !== null}
      title={t('referrals.review.title')}
      onSubmit={() =>
        unwrap(
          api.POST('/api/v1/staff/referrals/{referralId}/review', {
            params: { path: { referralId: referral!.id } },
            body: { decision, note: note.trim() },
          }),
        )
      }
      onDone={onDone}
      onClose={onClose}
      okText={t('referrals.review.submit')}
      okDisabled={!note.trim()}
      danger={decision === 'reject'}
      okTestId="review-submit"
    >
      {referral && (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'referrer',
                label: t('referrals.referrer'),
                children: referral.referrerName ?? t('customer.unnamed'),
              },
              {
                key: 'referee',
                label: t('referrals.referee'),
                children: referral.refereeName ?? t('customer.unnamed'),
              },
              {
                key: 'created',
                label: t('referrals.createdAt'),
                children: formatDateTime(referral.createdAt, staff.tenant.timezone),
              },
              {
                key: 'flags',
                label: t('referrals.review.reasons'),
                children: referral.flags.length ? (
                  <ReferralFlags flags={referral.flags} wide />
                ) : (
                  EMPTY
                ),
              },
            ]}
          />
          <Radio.Group
            value={decision}
            onChange={(e) => setDecision(e.target.value as 'approve' | 'reject')}
            optionType="button"
            buttonStyle="solid"
            data-testid="review-decision"
            options={[
              { value: 'approve', label: t('referrals.review.approve') },
              { value: 'reject', label: t('referrals.review.reject') },
            ]}
          />
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('referrals.review.notePlaceholder')}
            aria-label={t('referrals.review.note')}
            data-testid="review-note"
          />
        </Flex>
      )}
    </FormModal>
  );
}
