// 发帖: a bottom sheet with the text (up to 2,000 characters) and up to nine photos, uploaded as
// they are picked, opened on a club.
import { Button, Popup, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api.ts';
import { clubApi, type Post } from '../club-api.ts';
import { PhotoPicker } from './PhotoPicker.tsx';

export function PostComposer({
  clubId,
  clubName,
  visible,
  onClose,
  onPosted,
}: {
  clubId: string;
  clubName: string;
  visible: boolean;
  onClose: () => void;
  onPosted: (post: Post) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function publish() {
    setBusy(true);
    try {
      const post = await clubApi.write(clubId, text, photos);
      Toast.show({
        content: t(post.state === 'held' ? 'clubs.publishedHeld' : 'clubs.published'),
      });
      setText('');
      setPhotos([]);
      onPosted(post);
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      bodyClassName="club-composer"
      destroyOnClose
    >
      <div className="club-composer-head">
        <Button fill="none" size="small" onClick={onClose}>
          {t('clubs.cancel')}
        </Button>
        <span className="club-composer-title">{t('clubs.composeTitle', { club: clubName })}</span>
        <Button
          color="primary"
          size="small"
          shape="rounded"
          loading={busy}
          disabled={!text.trim() && photos.length === 0}
          onClick={() => void publish()}
          data-testid="composer-publish"
        >
          {t('clubs.publish')}
        </Button>
      </div>
      <TextArea
        value={text}
        onChange={setText}
        placeholder={t('clubs.composePlaceholder')}
        autoSize={{ minRows: 5, maxRows: 10 }}
        maxLength={2000}
        showCount
        autoFocus
        data-testid="composer-text"
      />
      <PhotoPicker value={photos} onChange={setPhotos} max={9} purpose="club_post" />
    </Popup>
  );
}
