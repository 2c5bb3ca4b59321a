// A row of photo thumbnails; a tap opens them full screen (swipe for the next) — an inspection
// finding's photos, a declined job's on the due-list.
import { ImageViewer } from 'antd-mobile';

export function PhotoStrip({
  photos,
  alt,
  className,
  testId,
}: {
  photos: readonly { id: string; url: string; thumbUrl: string }[];
  alt: string;
  /** Sizes the thumbnails (the strip's CSS class). */
  className: string;
  testId: string;
}) {
  if (!photos.length) return null;
  const full = photos.map((p) => p.url);
  return (
    <span className={className}>
      {photos.map((p, n) => (
        <img
          key={p.id}
          src={p.thumbUrl}
          alt={alt}
          onClick={() => ImageViewer.Multi.show({ images: full, defaultIndex: n })}
          data-testid={testId}
        />
      ))}
    </span>
  );
}
