// 检查模板 — one template in the editor: its name and its check points in order (add, remove,
// move up and down, each point's fields), saved as a whole. The server's refusal shows under the
// point's field. Technicians and advisors read it.
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Flex, Form, Input, Result, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { BackLink, FormCard, NotLoaded, useLoad } from '../../kit/index.ts';
import { TemplatePointCard } from './TemplatePointCard.tsx';
import {
  canEditTemplates,
  newPoint,
  pointBody,
  type InspectionTemplate,
  type TemplatePoint,
} from './template-rules.ts';

interface TemplateForm {
  name: string;
  points: TemplatePoint[];
}

/** The server's field names a refusal may carry, shown under the row's field. */
const ERROR_FIELDS = [
  'name',
  ...(['section', 'label', 'measurement', 'min', 'max', 'amberAt', 'redAt', 'why'] as const).map(
    (f) => `points.*.${f}`,
  ),
];

const toForm = (tpl: InspectionTemplate): TemplateForm => ({
  name: tpl.name,
  points: tpl.points.map((p) => ({ ...p, higherIsWorse: !!p.higherIsWorse })),
});

export default function InspectionTemplatePage() {
  const { t } = useTranslation();
  const { templateId = '' } = useParams();
  const editable = canEditTemplates(useStaff().role);
  const [form] = Form.useForm<TemplateForm>();
  // The list is small and is what the API serves: the template is read from it.
  const loaded = useLoad(async () => {
    const all = await unwrap(api.GET('/api/v1/staff/inspection-templates'));
    return all.items.find((x) => x.id === templateId) ?? null;
  }, [templateId]);
  const tpl = loaded.data;
  useEffect(() => {
    if (tpl) form.setFieldsValue(toForm(tpl));
  }, [tpl, form]);

  const back = <BackLink to="/inspections/templates">{t('inspections.templates.back')}</BackLink>;
  if (tpl === null)
    return <Result status="404" title={t('inspections.templates.notFound')} extra={back} />;
  if (!tpl)
    return <NotLoaded loaded={loaded} notFound={t('inspections.templates.notFound')} back={back} />;

  const save = (v: TemplateForm) =>
    unwrap(
      api.PUT('/api/v1/staff/inspection-templates/{templateId}', {
        params: { path: { templateId } },
        body: { name: v.name.trim(), points: (v.points ?? []).map(pointBody) },
      }),
    );

  return (
    <Flex vertical gap={16} data-testid="inspection-template">
      {back}
      {!editable && <Alert type="info" showIcon title={t('inspections.templates.readOnly')} />}
      <FormCard<TemplateForm, InspectionTemplate>
        title={tpl.name}
        form={form}
        onSubmit={save}
        onDone={(saved) => loaded.setData(saved)}
        savedText={t('inspections.templates.saved')}
        fields={ERROR_FIELDS}
        editable={editable}
        saveTestId="template-save"
        testId="template-form"
        formProps={{ initialValues: toForm(tpl), scrollToFirstError: true }}
      >
        <Form.Item
          name="name"
          label={t('inspections.templates.name')}
          rules={[{ required: true, whitespace: true }, { max: 40 }]}
          style={{ maxWidth: 360 }}
        >
          <Input maxLength={40} data-testid="template-name" />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {t('inspections.templates.thresholdHint')}
        </Typography.Paragraph>
        <Form.List name="points">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={12}>
              {fields.map((f, i) => (
                <TemplatePointCard
                  key={f.key}
                  form={form}
                  name={f.name}
                  index={i}
                  editable={editable}
                  moves={{
                    up: i > 0 ? () => move(i, i - 1) : undefined,
                    down: i < fields.length - 1 ? () => move(i, i + 1) : undefined,
                    remove: fields.length > 1 ? () => remove(f.name) : undefined,
                  }}
                />
              ))}
              {editable && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  style={{ alignSelf: 'flex-start' }}
                  disabled={fields.length >= 80}
                  onClick={() => {
                    const taken = (form.getFieldValue('points') as TemplatePoint[]).map(
                      (p) => p.key,
                    );
                    add(newPoint(taken));
                  }}
                  data-testid="template-add-point"
                >
                  {t('inspections.templates.addPoint')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      </FormCard>
    </Flex>
  );
}
