// Adding or changing a page: its section, title, layout, text (the rich-text editor articles use)
// and photos. The server keeps only what is safe of the HTML.
import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, ImageUpload, RichTextEditor } from '../../kit/index.ts';
import {
  PAGE_LAYOUTS,
  type MagazineIssue,
  type MagazinePage,
  type PageLayout,
} from './magazine.ts';

interface PageForm {
  sectionId: string;
  title: string;
  layout: PageLayout;
  body?: string;
  imageIds?: string[];
}

/** Plain lines become paragraphs; text that already has tags is sent as it is. */
export function bodyHtmlOf(text: string): string {
  if (/<[a-z][\s\S]*>/i.test(text)) return text;
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('');
}

export function PageModal({
  issue,
  page,
  sectionId,
  open,
  onClose,
  onSaved,
}: {
  issue: MagazineIssue;
  page: MagazinePage | null;
  sectionId: string | null;
  open: boolean;
  onClose(): void;
  onSaved(i: MagazineIssue): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PageForm>();
  const values: Partial<PageForm> = page
    ? {
        sectionId: page.sectionId,
        title: page.title,
        layout: page.layout,
        body: page.bodyHtml,
        imageIds: page.images.map((i) => i.id),
      }
    : { sectionId: sectionId ?? issue.sections[0]?.id, layout: 'text', body: '', imageIds: [] };

  async function save(v: PageForm): Promise<MagazineIssue> {
    const body = {
      sectionId: v.sectionId,
      title: v.title,
      layout: v.layout,
      bodyHtml: bodyHtmlOf(v.body ?? ''),
      imageIds: v.imageIds ?? [],
    };
    if (page)
      return unwrap(
        api.PATCH('/api/v1/staff/magazine/pages/{pageId}', {
          params: { path: { pageId: page.id } },
          body,
        }),
      );
    return unwrap(
      api.POST('/api/v1/staff/magazine/issues/{issueId}/pages', {
        params: { path: { issueId: issue.id } },
        body,
      }),
    );
  }

  return (
    <FormModal
      open={open}
      title={page ? t('magazine.page.editTitle') : t('magazine.page.addTitle')}
      form={form}
      values={values}
      fields={['sectionId', 'title', 'bodyHtml', 'imageIds']}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
      okTestId="magazine-page-save"
      width={680}
      formProps={{ layout: 'vertical', requiredMark: false }}
      testId="magazine-page-form"
    >
      <Form.Item name="sectionId" label={t('magazine.page.section')}>
        <Select options={issue.sections.map((s) => ({ value: s.id, label: s.title }))} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('magazine.page.title')}
        rules={[{ required: true, message: t('magazine.form.required') }]}
      >
        <Input maxLength={80} data-testid="magazine-page-title" />
      </Form.Item>
      <Form.Item name="layout" label={t('magazine.page.layout')}>
        <Radio.Group
          optionType="button"
          options={PAGE_LAYOUTS.map((l) => ({ value: l, label: t(`magazine.layout.${l}`) }))}
        />
      </Form.Item>
      <Form.Item name="body" label={t('magazine.page.body')}>
        <RichTextEditor />
      </Form.Item>
      <Form.Item name="imageIds" label={t('magazine.page.photos')}>
        <ImageUpload
          max={20}
          purpose="magazine"
          initial={page?.images ?? []}
          data-testid="magazine-page-photos"
        />
      </Form.Item>
    </FormModal>
  );
}
