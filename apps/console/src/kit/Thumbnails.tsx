// Photos as a row of thumbnails that open full size in antd's preview (one group: arrows go
// from one to the next) — a post's pictures, an inspection item's, a declined job's.
import { Flex, Image } from 'antd';

export interface Photo {
  id: string;
  url: string;
  thumbUrl: string;
}

export function Thumbnails({
  photos,
  width = 72,
  height = width,
  radius = 4,
  testId,
}: {
  photos: readonly Photo[];
  width?: number;
  height?: number;
  radius?: number;
  /** data-testid of each thumbnail. */
  testId?: string;
}) {
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <Flex gap={6} wrap>
        {photos.map((p) => (
          <Image
            key={p.id}
            src={p.thumbUrl}
            preview={{ src: p.url }}
            width={width}
            height={height}
            style={{ objectFit: 'cover', borderRadius: radius }}
            data-testid={testId}
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
