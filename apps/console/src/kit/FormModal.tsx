// A modal holding one antd Form: validates, saves with a busy OK button, shows the API's error
// (under the named field when the form has it, else below the form), and reports success.
// Without a form it runs the save as it is (a confirmation with something to read). An input
// may save on Enter with `onPressEnter={form.submit}`.
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Alert, Form, Modal } from 'antd';
import type { FormInstance, FormProps } from 'antd';
import { useSubmit } from './useSubmit.ts';
import type { ErrorFields } from './errors.ts';

export interface FormModalProps<V, R> {
  open: boolean;
  title: ReactNode;
  /** The form to validate (its values go to `onSubmit`); none: the children are shown as they are. */
  form?: FormInstance<V>;
  /** Saves the validated values; what it returns goes to `onDone`. */
  onSubmit: (values: V) => Promise<R>;
  /** After a successful save (close the modal and reload the page's data here). */
  onDone: (result: R) => void;
  onClose: () => void;
  /** Form.Item names that a server error may name (the error is shown under that field). */
  fields?: ErrorFields;
  /** Values set each time the modal opens (the form is reset first). */
  values?: Partial<V>;
  okText?: ReactNode;
  okTestId?: string;
  /** The OK button as a danger button (the save cannot be undone). */
  danger?: boolean;
  /** Nothing to save yet (the OK button is disabled). */
  okDisabled?: boolean;
  width?: number;
  formProps?: Omit<FormProps<V>, 'form'>;
  /** data-testid of the form. */
  testId?: string;
  /** Form.Items. */
  children: ReactNode;
  /** Shown below the form (above the error). */
  footerNote?: ReactNode;
  /**
   * The save is done and the modal shows its outcome: OK reads `okText` and runs `onOk`;
   * with `hideCancel` the cancel button goes and closing runs `onOk` too.
   */
  done?: { okText: ReactNode; onOk: () => void; hideCancel?: boolean } | null;
}

export function FormModal<V, R>({
  open,
  title,
  form,
  onSubmit,
  onDone,
  onClose,
  fields,
  values,
  okText,
  okTestId,
  danger,
  okDisabled,
  width,
  formProps,
  testId,
  children,
  footerNote,
  done,
}: FormModalProps<V, R>) {
  const submit = useSubmit(form, fields);
  const { setError } = submit;

  useEffect(() => {
    if (!open) return;
    setError(null);
    if (!form) return;
    form.resetFields();
    if (values) form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
    // Only on opening: `values` is usually a fresh object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form, setError]);

  async function save() {
    // Wrapped, so that a save answering nothing (undefined) still counts as done.
    const saved = await submit.run(async (v) => ({ result: await onSubmit(v) }));
    if (saved) onDone(saved.result);
  }

  const close = done?.hideCancel ? done.onOk : onClose;
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={close}
      onOk={() => (done ? done.onOk() : void save())}
      okText={done ? done.okText : okText}
      okButtonProps={{
        loading: submit.busy,
        danger: danger && !done,
        disabled: okDisabled && !done,
        ...(okTestId ? { 'data-testid': okTestId } : {}),
      }}
      cancelButtonProps={done?.hideCancel ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
    >
      {form ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={() => void save()}
          data-testid={testId}
          {...formProps}
        >
          {children}
        </Form>
      ) : (
        children
      )}
      {footerNote}
      {submit.error && (
        <Alert
          style={form && !footerNote ? undefined : { marginTop: 12 }}
          type="error"
          showIcon
          title={submit.error}
          data-testid="form-error"
        />
      )}
    </Modal>
  );
}
