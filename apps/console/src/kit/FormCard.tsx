// A card holding one form saved as a whole (settings): the save button in the card's corner,
// the error above the form, a success message after saving, a skeleton until there is data.
import type { CSSProperties, ReactNode } from 'react';
import { App, Button, Card, Form, Skeleton } from 'antd';
import type { FormInstance, FormProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.tsx';
import type { ErrorFields } from './errors.ts';
import { useSubmit } from './useSubmit.ts';

export interface FormCardProps<V, R> {
  title: ReactNode;
  form: FormInstance<V>;
  /** Saves the validated values. */
  onSubmit: (values: V) => Promise<R>;
  /** After a successful save (the saved settings, to show them). */
  onDone?: (result: R) => void;
  /** The message after a save. */
  savedText: string;
  fields?: ErrorFields;
  /** False: the form is read-only and there is no save button. */
  editable: boolean;
  saveTestId?: string;
  /** Nothing to show yet: a skeleton, or `loadError` when the load failed. */
  loading?: boolean;
  loadError?: string | null;
  formProps?: Omit<FormProps<V>, 'form' | 'disabled'>;
  /** data-testid of the form. */
  testId?: string;
  style?: CSSProperties;
  children: ReactNode;
}

export function FormCard<V, R>({
  title,
  form,
  onSubmit,
  onDone,
  savedText,
  fields,
  editable,
  saveTestId,
  loading,
  loadError,
  formProps,
  testId,
  style,
  children,
}: FormCardProps<V, R>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmit(form, fields);

  async function save() {
    const saved = await submit.run(async (v) => ({ result: await onSubmit(v) }));
    if (!saved) return;
    message.success(savedText);
    onDone?.(saved.result);
  }

  return (
    <Card
      title={title}
      style={style}
      extra={
        editable && (
          <Button
            type="primary"
            loading={submit.busy}
            disabled={loading}
            onClick={() => void save()}
            data-testid={saveTestId}
          >
            {t('common.save')}
          </Button>
        )
      }
    >
      <ErrorAlert error={loadError ?? submit.error} style={{ marginBottom: 12 }} />
      {loading ? (
        !loadError && <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          disabled={!editable}
          data-testid={testId}
          {...formProps}
        >
          {children}
        </Form>
      )}
    </Card>
  );
}
