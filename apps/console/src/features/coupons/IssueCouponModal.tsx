// Issuing a coupon template (发券) to one customer (picked) or to many at once (pasted phones or
// customer ids), with what was issued, already held, over the limit or unknown.
import { Alert, Flex, Input, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, UserError, useStateFor } from '../../kit/index.ts';
import { CustomerPicker } from '../customers/index.ts';
import type { CustomerSummary } from '../../types.ts';
import type { CouponTemplate, IssueResult } from './CouponCommon.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits pasted text (lines, commas, tabs) into customer ids and phone numbers. */
export function parseRecipients(text: string): { customerIds: string[]; phones: string[] } {
  const parts = text
    .split(/[\n,;，；\t]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    customerIds: parts.filter((p) => UUID.test(p)),
    phones: parts.filter((p) => !UUID.test(p)),
  };
}

export function IssueModal({
  template,
  open,
  onClose,
  onIssued,
  customer,
}: {
  template: CouponTemplate | null;
  open: boolean;
  onClose(): void;
  onIssued(result: IssueResult): void;
  /** Preselected customer (issuing from the customer page). */
  customer?: CustomerSummary | null;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useStateFor<'one' | 'bulk'>(open, 'one');
  const [picked, setPicked] = useStateFor<CustomerSummary | null>(open, customer ?? null);
  const [pasted, setPasted] = useStateFor(open, '');
  const [batchKey, setBatchKey] = useStateFor(open, '');
  const [result, setResult] = useStateFor<IssueResult | null>(open, null);

  async function issue() {
    const recipients =
      mode === 'one'
        ? { customerIds: picked ? [picked.id] : [], phones: [] }
        : parseRecipients(pasted);
    if (!recipients.customerIds.length && !recipients.phones.length)
      throw new UserError(t('coupons.issue.nobody'));
    return unwrap(
      api.POST('/api/v1/staff/coupon-templates/{templateId}/issue', {
        params: { path: { templateId: template!.id } },
        body: { ...recipients, ...(batchKey.trim() ? { batchKey: batchKey.trim() } : {}) },
      }),
    );
  }

  return (
    <FormModal
      open={open}
      title={t('coupons.issue.title', { name: template?.name ?? '' })}
      onSubmit={issue}
      onDone={(res) => {
        setResult(res);
        onIssued(res);
      }}
      onClose={onClose}
      okText={t('coupons.issue.confirm')}
      okTestId="issue-confirm"
      done={result && { okText: t('coupons.issue.done'), onOk: onClose }}
    >
      {!customer && (
        <Tabs
          activeKey={mode}
          onChange={(k) => setMode(k as 'one' | 'bulk')}
          items={[
            { key: 'one', label: t('coupons.issue.one') },
            { key: 'bulk', label: t('coupons.issue.bulk') },
          ]}
        />
      )}
      {mode === 'one' ? (
        <CustomerPicker value={picked} onChange={setPicked} testId="issue-customer" />
      ) : (
        <Flex vertical gap={8}>
          <Input.TextArea
            rows={6}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder={t('coupons.issue.pastePlaceholder')}
            data-testid="issue-paste"
          />
          <Typography.Text type="secondary">
            {t('coupons.issue.parsed', {
              count:
                parseRecipients(pasted).customerIds.length + parseRecipients(pasted).phones.length,
            })}
          </Typography.Text>
          <Input
            value={batchKey}
            onChange={(e) => setBatchKey(e.target.value)}
            placeholder={t('coupons.issue.batchKey')}
            maxLength={100}
          />
        </Flex>
      )}
      {template?.budget != null && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('coupons.issue.remaining', { count: template.budget - template.issuedCount })}
        </Typography.Paragraph>
      )}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.issued > 0 ? 'success' : 'warning'}
          showIcon
          data-testid="issue-result"
          title={t('coupons.issue.result', {
            issued: result.issued,
            already: result.alreadyIssued,
          })}
          description={
            <>
              {result.overLimit.length > 0 && (
                <div>{t('coupons.issue.overLimit', { count: result.overLimit.length })}</div>
              )}
              {result.unknownPhones.length > 0 && (
                <div>
                  {t('coupons.issue.unknownPhones')}: {result.unknownPhones.join(', ')}
                </div>
              )}
              {result.coupons.length === 1 && (
                <div>
                  {t('coupons.code')}:{' '}
                  <Typography.Text code copyable data-testid="issued-code">
                    {result.coupons[0]!.code}
                  </Typography.Text>
                </div>
              )}
            </>
          }
        />
      )}
    </FormModal>
  );
}
