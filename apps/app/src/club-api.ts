// The community (社区) calls of the app and their types, taken from the server's OpenAPI
// document: clubs (mine and to discover), joining and leaving, a club's feed, posts, comments,
// likes and my badges.
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op, S extends number = 200> = Op extends {
  responses: { [C in S]: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type ClubList = Json<paths['/api/v1/app/clubs']['get']>;
export type Club = ClubList['mine'][number];
export type Feed = Json<paths['/api/v1/app/clubs/{clubId}/posts']['get']>;
export type Post = Feed['items'][number];
export type PostDetail = Json<paths['/api/v1/app/clubs/{clubId}/posts/{postId}']['get']>;
export type Comment = PostDetail['comments'][number];
export type Badge = Post['author']['badges'][number];
export type MyBadges = Json<paths['/api/v1/app/clubs/me/badges']['get']>;
export type ReportReason =
  paths['/api/v1/app/moderation/reports']['post']['requestBody']['content']['application/json']['reason'];
export const REPORT_REASONS: readonly ReportReason[] = [
  'spam',
  'ads',
  'abuse',
  'privacy',
  'illegal',
  'other',
];
export type Like = Json<paths['/api/v1/app/clubs/{clubId}/posts/{postId}/like']['put']>;

const club = (clubId: string) => ({ params: { path: { clubId } } });
const onPost = (clubId: string, postId: string) => ({ params: { path: { clubId, postId } } });

export const clubApi = {
  list: (): Promise<ClubList> => unwrap(client.GET('/api/v1/app/clubs')),
  club: (clubId: string): Promise<Club> =>
    unwrap(client.GET('/api/v1/app/clubs/{clubId}', club(clubId))),
  join: (clubId: string) => unwrap(client.POST('/api/v1/app/clubs/{clubId}/join', club(clubId))),
  leave: (clubId: string) => unwrap(client.POST('/api/v1/app/clubs/{clubId}/leave', club(clubId))),
  feed: (clubId: string, cursor?: string | null): Promise<Feed> =>
    unwrap(
      client.GET('/api/v1/app/clubs/{clubId}/posts', {
        params: { path: { clubId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  post: (clubId: string, postId: string): Promise<PostDetail> =>
    unwrap(client.GET('/api/v1/app/clubs/{clubId}/posts/{postId}', onPost(clubId, postId))),
  write: (clubId: string, text: string, imageIds: string[] = []): Promise<Post> =>
    unwrap(
      client.POST('/api/v1/app/clubs/{clubId}/posts', {
        ...club(clubId),
        body: { text, imageIds },
      }),
    ),
  comment: (clubId: string, postId: string, text: string): Promise<Comment> =>
    unwrap(
      client.POST('/api/v1/app/clubs/{clubId}/posts/{postId}/comments', {
        ...onPost(clubId, postId),
        body: { text },
      }),
    ),
  like: (clubId: string, postId: string, liked: boolean): Promise<Like> =>
    unwrap(
      liked
        ? client.PUT('/api/v1/app/clubs/{clubId}/posts/{postId}/like', onPost(clubId, postId))
        : client.DELETE('/api/v1/app/clubs/{clubId}/posts/{postId}/like', onPost(clubId, postId)),
    ),
  /** 举报: a post or a comment, with a reason (moderation weighs it). */
  report: (kind: 'club_post' | 'club_comment', subjectId: string, reason: ReportReason) =>
    unwrap(client.POST('/api/v1/app/moderation/reports', { body: { kind, subjectId, reason } })),
  myBadges: (): Promise<MyBadges> => unwrap(client.GET('/api/v1/app/clubs/me/badges')),
};
