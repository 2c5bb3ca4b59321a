// Media: images uploaded by car owners and staff (club photos, event covers, …) through one
// storage port (local disk or S3), stripped of metadata, and served publicly by unguessable id.
export {
  claimImages,
  findImages,
  saveImage,
  type StoredImage,
  type Uploader,
} from './media.service.ts';
export { demoPicture } from './demo.ts';
export { mediaObjects } from './media.tables.ts';
export { StoredImageSchema } from './media.schemas.ts';
export {
  localMediaStore,
  mediaStoreFor,
  s3MediaStore,
  useMediaStore,
  type MediaStore,
} from './store.ts';
