// Images uploaded as they are picked (the server strips their metadata and keeps a display size
// and a thumbnail); the value is the uploaded images' ids, so it sits in a Form.Item as is.
import { useState } from 'react';
import { App as AntApp, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { paths } from '@liuke/api-client';
import { api, unwrap } from '../api.ts';
import { errorText } from './errors.ts';

export type UploadedImage =
  paths['/api/v1/staff/media/images']['post']['responses'][201]['content']['application/json'];

/** The server's limit for one image (413 MEDIA_TOO_LARGE above it). */
const MAX_BYTES = 10 * 1024 * 1024;

export interface ImageUploadProps {
  /** The ids of the uploaded images, in order. */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** At most this many images (an event cover: 1). */
  max?: number;
  /** What the images are for (`event_cover`, …), kept with each upload. */
  purpose?: string;
  /** Images already uploaded (editing a record), so their previews show. */
  initial?: UploadedImage[];
  'data-testid'?: string;
}

const fileOf = (image: UploadedImage): UploadFile => ({
  uid: image.id,
  name: image.id,
  status: 'done',
  url: image.url,
  thumbUrl: image.thumbUrl,
  response: image,
});

const idOf = (file: UploadFile) => (file.response as UploadedImage | undefined)?.id;

export function ImageUpload({
  value,
  onChange,
  max = 1,
  purpose = 'general',
  initial = [],
  ...rest
}: ImageUploadProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [files, setFiles] = useState<UploadFile[]>(() => initial.map(fileOf));
  // The value decides which finished images are shown (a form reset empties the list).
  const shown = value
    ? files.filter((f) => f.status !== 'done' || value.includes(idOf(f) ?? ''))
    : files;

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const form = new FormData();
    form.append('file', file as Blob);
    form.append('purpose', purpose);
    unwrap(api.POST('/api/v1/staff/media/images', { body: form as never })).then(
      (image) => onSuccess?.(image),
      (err: unknown) => {
        void message.error(errorText(err, t));
        onError?.(err as Error);
      },
    );
  };

  const change: UploadProps['onChange'] = ({ fileList }) => {
    // A failed upload is dropped: the message said why.
    const kept = fileList.filter((f) => f.status !== 'error');
    setFiles(kept);
    const ids = kept.filter((f) => f.status === 'done').map((f) => idOf(f)!);
    if (kept.every((f) => f.status === 'done')) onChange?.(ids);
  };

  return (
    <div data-testid={rest['data-testid'] ?? 'image-upload'}>
      <Upload
        listType="picture-card"
        accept="image/*"
        multiple={max > 1}
        maxCount={max}
        fileList={shown}
        customRequest={customRequest}
        onChange={change}
        beforeUpload={(file) => {
          if (file.size <= MAX_BYTES) return true;
          void message.error(t('media.tooLarge', { mb: MAX_BYTES / 1024 / 1024 }));
          return Upload.LIST_IGNORE;
        }}
      >
        {shown.length < max && (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            <PlusOutlined />
            <div style={{ marginTop: 8 }}>{t('media.add')}</div>
          </button>
        )}
      </Upload>
    </div>
  );
}
