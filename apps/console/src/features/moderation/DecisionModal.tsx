// A moderator's decision on one piece (approve, hide, restore), always with the reason written
// down: the log keeps it, and the next moderator reads why.
import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal } from '../../kit/index.ts';
import type { DecisionAction } from './moderation.ts';

export interface DecisionTarget {
  kind: string;
  subjectId: string;
  action: DecisionAction;
  /** A line of the piece, to show what is decided on. */
  excerpt: string;
}

interface Values {
  reason: string;
}

export function DecisionModal({
  target,
  onClose,
  onDone,
}: {
  target: DecisionTarget | null;
  onClose: () => void;
  onDone: (target: DecisionTarget) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const action = target?.action ?? 'approve';
  return (
    <FormModal<Values, DecisionTarget>
      open={target !== null}
      title={t(`moderation.decide.title.${action}`)}
      form={form}
      fields={['reason']}
      danger={action === 'hide'}
      okText={t(`moderation.decide.ok.${action}`)}
      okTestId="moderation-decide-ok"
      testId="moderation-decide-form"
      onClose={onClose}
      onSubmit={async (v) => {
        const t0 = target!;
        await unwrap(
          api.POST('/api/v1/staff/moderation/decisions', {
            body: { kind: t0.kind, subjectId: t0.subjectId, action: t0.action, reason: v.reason },
          }),
        );
        return t0;
      }}
      onDone={onDone}
    >
      {target?.excerpt && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }}>
          {target.excerpt}
        </Typography.Paragraph>
      )}
      <Form.Item
        name="reason"
        label={t('moderation.decide.reason')}
        rules={[
          { required: true, whitespace: true, message: t('moderation.decide.reasonRequired') },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={t(`moderation.decide.placeholder.${action}`)}
          data-testid="moderation-reason"
        />
      </Form.Item>
    </FormModal>
  );
}
