import { ImageUploader, Toast } from 'antd-mobile';
import type { ImageUploadItem } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client, errorMessage } from '../api.ts';

export type UploadedPhoto =
  paths['/api/v1/app/media/images']['post']['responses'][201]['content']['application/json'];

/** The server's limit for one image (413 MEDIA_TOO_LARGE above it). */
const MAX_BYTES = 10 * 1024 * 1024;

export interface PhotoPickerProps {
  /** The ids of the uploaded photos, in order. */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** At most this many photos (a club post takes nine). */
  max?: number;
  /** What the photos are for (`club_post`, …), kept with each upload. */
  purpose?: string;
  /** Photos already uploaded (editing), so their thumbnails show. */
  initial?: UploadedPhoto[];
  'data-testid'?: string;
}

const itemOf = (photo: UploadedPhoto): ImageUploadItem => ({
  key: photo.id,
  url: photo.url,
  thumbnailUrl: photo.thumbUrl,
  extra: photo,
});

/**
 * Photos from the phone's album or camera, uploaded as they are picked (the server strips their
 * location and turns them upright); the value is the uploaded photos' ids.
 */
export function PhotoPicker({
  value,
  onChange,
  max = 9,
  purpose = 'club_post',
  initial = [],
  ...rest
}: PhotoPickerProps) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ImageUploadItem[]>(() => initial.map(itemOf));
  // The value decides which photos are shown (a parent clearing it empties the picker).
  const shown = value ? items.filter((i) => value.includes(String(i.key))) : items;

  async function upload(file: File): Promise<ImageUploadItem> {
    const form = new FormData();
    form.append('file', file);
    form.append('purpose', purpose);
    try {
      const photo = await unwrap(client.POST('/api/v1/app/media/images', { body: form as never }));
      return itemOf(photo);
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
      throw err;
    }
  }

  function change(next: ImageUploadItem[]) {
    setItems(next);
    onChange?.(next.map((i) => String(i.key)));
  }

  return (
    <div data-testid={rest['data-testid'] ?? 'photo-picker'}>
      <ImageUploader
        value={shown}
        onChange={change}
        upload={upload}
        accept="image/*"
        multiple
        maxCount={max}
        showFailed={false}
        beforeUpload={(file) => {
          if (file.size <= MAX_BYTES) return file;
          Toast.show({ content: t('media.tooLarge', { mb: MAX_BYTES / 1024 / 1024 }) });
          return null;
        }}
        onCountExceed={(exceed) => Toast.show({ content: t('media.tooMany', { max, exceed }) })}
      />
      <div style={{ color: 'var(--adm-color-weak)', fontSize: 12, marginTop: 8 }}>
        {t('media.hint', { count: shown.length, max })}
      </div>
    </div>
  );
}
