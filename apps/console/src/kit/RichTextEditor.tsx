// The rich-text editor (TipTap) of articles and magazine pages: headings, bold/italic, lists,
// quotes, links and pictures uploaded through the media route. Its value is HTML (a form item's
// value/onChange); the server sanitises what is saved.
import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Divider, Flex, Input, Modal, Tooltip } from 'antd';
import {
  BoldOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  UnorderedListOutlined,
  UndoOutlined,
  RedoOutlined,
} from '@ant-design/icons';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api.ts';
import { errorText } from './errors.ts';
import type { UploadedImage } from './ImageUpload.tsx';
import './rich-text-editor.css';

export interface RichTextEditorProps {
  value?: string;
  onChange?: (html: string) => void;
}

export function RichTextEditor({ value = '', onChange }: RichTextEditorProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const file = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        codeBlock: false,
        code: false,
        link: { openOnClick: false, protocols: ['http', 'https'] },
      }),
      Image,
    ],
    content: value,
    shouldRerenderOnTransaction: true,
    onUpdate: ({ editor: e }) => onChange?.(e.getHTML()),
  });

  // A value from outside (a revision restored, the article loaded) replaces the text.
  useEffect(() => {
    if (editor && value !== editor.getHTML())
      editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  if (!editor) return null;

  const upload = async (f: File) => {
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', f);
      form.append('purpose', 'article');
      const image: UploadedImage = await unwrap(
        api.POST('/api/v1/staff/media/images', { body: form as never }),
      );
      editor.chain().focus().setImage({ src: image.url, alt: '' }).run();
    } catch (err) {
      void message.error(errorText(err, t));
    } finally {
      setUploading(false);
    }
  };

  const tool = (key: string, icon: React.ReactNode, active: boolean, run: () => void) => (
    <Tooltip title={t(`media.editor.${key}`)} key={key}>
      <Button
        size="small"
        type={active ? 'primary' : 'text'}
        icon={icon}
        onClick={run}
        aria-label={t(`media.editor.${key}`)}
        data-testid={`editor-${key}`}
      />
    </Tooltip>
  );
  const heading = (level: 2 | 3 | 4) => (
    <Button
      key={`h${level}`}
      size="small"
      type={editor.isActive('heading', { level }) ? 'primary' : 'text'}
      onClick={() => editor.chain().focus().toggleHeading({ level }).run()}
      data-testid={`editor-h${level}`}
    >
      H{level}
    </Button>
  );

  return (
    <div className="lk-editor" data-testid="article-editor">
      <Flex gap={2} wrap align="center" className="lk-editor-toolbar">
        {heading(2)}
        {heading(3)}
        {heading(4)}
        <Divider type="vertical" />
        {tool('bold', <BoldOutlined />, editor.isActive('bold'), () =>
          editor.chain().focus().toggleBold().run(),
        )}
        {tool('italic', <ItalicOutlined />, editor.isActive('italic'), () =>
          editor.chain().focus().toggleItalic().run(),
        )}
        {tool('bulletList', <UnorderedListOutlined />, editor.isActive('bulletList'), () =>
          editor.chain().focus().toggleBulletList().run(),
        )}
        {tool('orderedList', <OrderedListOutlined />, editor.isActive('orderedList'), () =>
          editor.chain().focus().toggleOrderedList().run(),
        )}
        <Button
          size="small"
          type={editor.isActive('blockquote') ? 'primary' : 'text'}
          onClick={() => editor.chain().focus().toggleBlockquote().run()}
          data-testid="editor-quote"
        >
          “ ”
        </Button>
        {tool('link', <LinkOutlined />, editor.isActive('link'), () => {
          setHref((editor.getAttributes('link').href as string | undefined) ?? 'https://');
          setLinkOpen(true);
        })}
        <Tooltip title={t('media.editor.image')}>
          <Button
            size="small"
            type="text"
            icon={<PictureOutlined />}
            loading={uploading}
            onClick={() => file.current?.click()}
            data-testid="editor-image"
          />
        </Tooltip>
        <input
          ref={file}
          type="file"
          accept="image/*"
          style={{ display: 'none' }}
          data-testid="editor-image-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void upload(f);
          }}
        />
        <Divider type="vertical" />
        {tool('undo', <UndoOutlined />, false, () => editor.chain().focus().undo().run())}
        {tool('redo', <RedoOutlined />, false, () => editor.chain().focus().redo().run())}
      </Flex>
      <EditorContent editor={editor} className="lk-editor-body" data-testid="article-body" />
      <Modal
        open={linkOpen}
        title={t('media.editor.link')}
        onCancel={() => setLinkOpen(false)}
        onOk={() => {
          const url = href.trim();
          const chain = editor.chain().focus().extendMarkRange('link');
          if (!url || url === 'https://') chain.unsetLink().run();
          else if (/^https?:\/\//i.test(url)) chain.setLink({ href: url }).run();
          else {
            void message.error(t('media.editor.badLink'));
            return;
          }
          setLinkOpen(false);
        }}
      >
        <Input
          value={href}
          onChange={(e) => setHref(e.target.value)}
          data-testid="editor-link-url"
        />
      </Modal>
    </div>
  );
}
