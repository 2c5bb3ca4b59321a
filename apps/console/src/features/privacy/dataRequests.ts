// Shapes of the personal-data request screens (个人信息请求), from the generated OpenAPI document.
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';

export type RequestPage = Json<paths['/api/v1/staff/data-requests']['get']>;
export type DataRequest = RequestPage['items'][number];
export type RequestKind = DataRequest['kind'];
/** What staff do with an open request, and which request. */
export interface RequestAction {
  kind: 'complete' | 'reject' | 'erase';
  request: DataRequest;
}
