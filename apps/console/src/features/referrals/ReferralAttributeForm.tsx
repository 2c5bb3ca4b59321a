// Attribution at the counter: a new customer gives their friend's referral code (and, for the
// fraud checks, their household).
import { useState } from 'react';
import { App, Button, Flex, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { ErrorAlert, FormModal, useStateFor, useSubmit } from '../../kit/index.ts';
import { HouseholdInputs, NO_HOUSEHOLD } from './HouseholdInputs.tsx';

export function ReferralAttributeForm({
  customerId,
  onDone,
}: {
  customerId: string;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [code, setCode] = useState('');
  const [household, setHousehold] = useState(NO_HOUSEHOLD);
  const submit = useSubmit();

  async function attribute() {
    const value = code.trim().toUpperCase();
    if (!value) return;
    const { address, payerRef } = household;
    const done = await submit.run(async () => {
      await unwrap(
        api.POST('/api/v1/staff/referrals/attribute', {
          body: {
            refereeCustomerId: customerId,
            code: value,
            ...(address.trim() ? { address: address.trim() } : {}),
            ...(payerRef.trim() ? { payerRef: payerRef.trim() } : {}),
          },
        }),
      );
      return true;
    });
    if (!done) return;
    message.success(t('referrals.customer.attributed'));
    setCode('');
    onDone();
  }

  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('referrals.customer.attributeHint')}</Typography.Text>
      <Space.Compact style={{ maxWidth: 360 }}>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => void attribute()}
          placeholder={t('referrals.customer.codePlaceholder')}
          aria-label={t('referrals.customer.codePlaceholder')}
          maxLength={20}
          data-testid="referral-attribute-code"
        />
        <Button
          type="primary"
          loading={submit.busy}
          disabled={!code.trim()}
          onClick={() => void attribute()}
          data-testid="referral-attribute"
        >
          {t('referrals.customer.attribute')}
        </Button>
      </Space.Compact>
      <HouseholdInputs
        row
        value={household}
        onChange={setHousehold}
        testIds={{ address: 'referral-attribute-address', payerRef: 'referral-attribute-payer' }}
      />
      <ErrorAlert error={submit.error} data-testid="referral-attribute-error" />
    </Flex>
  );
}

/** Recording a customer's household by itself (also for customers already referred). */
export function HouseholdModal({
  customerId,
  open,
  onClose,
  onSaved,
}: {
  customerId: string;
  open: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [household, setHousehold] = useStateFor(open, NO_HOUSEHOLD);
  return (
    <FormModal
      open={open}
      title={t('referrals.customer.householdTitle')}
      onSubmit={() =>
        unwrap(
          api.PUT('/api/v1/staff/customers/{customerId}/household', {
            params: { path: { customerId } },
            body: {
              address: household.address.trim() || null,
              payerRef: household.payerRef.trim() || null,
            },
          }),
        )
      }
      onDone={onSaved}
      onClose={onClose}
      okTestId="household-save"
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('referrals.customer.householdHint')}</Typography.Text>
        <HouseholdInputs value={household} onChange={setHousehold} />
      </Flex>
    </FormModal>
  );
}
