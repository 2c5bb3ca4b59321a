// A modal holding one antd Form: validates, saves with a busy OK button, shows the API's error
// (under the named field when the form has it, else below the form), and reports success.
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Alert, Form, Modal } from 'antd';
import type { FormInstance, FormProps } from 'antd';
import { useSubmit } from './useSubmit.ts';

export interface FormModalProps<V, R> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  /** Saves the validated values; what it returns goes to `onDone`. */
  onSubmit: (values: V) => Promise<R>;
  /** After a successful save (close the modal and reload the page's data here). */
  onDone: (result: R) => void;
  onClose: () => void;
  /** Form.Item names that a server error may name (the error is shown under that field). */
  fields?: readonly string[];
  /** Values set each time the modal opens (the form is reset first). */
  values?: Partial<V>;
  okText?: ReactNode;
  okTestId?: string;
  width?: number;
  formProps?: Omit<FormProps<V>, 'form'>;
  /** Form.Items. */
  children: ReactNode;
  /** Shown below the form (above the error). */
  footerNote?: ReactNode;
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
  width,
  formProps,
  children,
  footerNote,
}: FormModalProps<V, R>) {
  const submit = useSubmit(form, fields);
  const { setError } = submit;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (values) form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
    // Only on opening: `values` is usually a fresh object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form, setError]);

  async function save() {
    const saved = await submit.run(onSubmit);
    if (saved !== undefined) onDone(saved);
  }

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onClose}
      onOk={() => void save()}
      okText={okText}
      okButtonProps={{ loading: submit.busy, ...(okTestId ? { 'data-testid': okTestId } : {}) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" {...formProps}>
        {children}
      </Form>
      {footerNote}
      {submit.error && <Alert type="error" showIcon title={submit.error} />}
    </Modal>
  );
}
