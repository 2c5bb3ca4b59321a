import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import { DESK_ROLES, MARKETING_ROLES } from '../../kernel/roles.ts';
import {
  AppClubListSchema,
  AppClubSchema,
  ClubSchema,
  CommentBody,
  CommentSchema,
  CreateClubBody,
  FeedQuery,
  FeedSchema,
  LikeSchema,
  MemberListQuery,
  MemberSchema,
  MembershipSchema,
  MyBadgesSchema,
  PostBody,
  PostDetailSchema,
  PostSchema,
  SetRoleBody,
  StaffClubListQuery,
  StaffFeedQuery,
  UpdateClubBody,
} from './clubs.schemas.ts';
import {
  appClub,
  createClub,
  listAppClubs,
  listStaffClubs,
  myBadges,
  staffClub,
  updateClub,
} from './clubs.service.ts';
import { appFeed, appPost, staffFeed, staffPost } from './feed.ts';
import {
  approveMember,
  joinClub,
  leaveClub,
  listMembers,
  refuseMember,
  removeMember,
  setMemberRole,
} from './membership.ts';
import { createComment, createPost, likePost, setPinned, unlikePost } from './posts.ts';

const TAGS = ['clubs'];
const ClubParams = z.object({ clubId: z.string().uuid() });
const PostParams = ClubParams.extend({ postId: z.string().uuid() });
const MemberParams = ClubParams.extend({ customerId: z.string().uuid() });
/** Keeping clubs and their members is for owner and manager; reading, for the front desk too. */
const KEEPERS = MARKETING_ROLES;
const READERS = DESK_ROLES;
const me = (ctx: Ctx) => ctx.actor.id!;
const POST_ERRORS: ErrorCode[] = [
  'NOT_FOUND',
  'CLUB_NOT_MEMBER',
  'CLUB_MEMBERSHIP_PENDING',
  'CLUB_TEXT_TOO_LONG',
  'CLUB_POST_EMPTY',
  'MEMBER_MUTED',
  'MEDIA_NOT_FOUND',
  'IDEMPOTENCY_KEY_REUSED',
];
const CLUB_ERRORS: ErrorCode[] = [
  'CLUB_NAME_TAKEN',
  'CLUB_MAKE_REQUIRED',
  'CLUB_FIELD_NOT_FOR_KIND',
  'MEDIA_NOT_FOUND',
  'NOT_FOUND',
  'IDEMPOTENCY_KEY_REUSED',
];

function appRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/clubs',
    audience: 'app',
    summary: 'The shop’s clubs (车友会): mine (member or asked to join) and others to discover',
    tags: TAGS,
    response: AppClubListSchema,
    handler: async (ctx) => listAppClubs(ctx, me(ctx)),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/clubs/me/badges',
    audience: 'app',
    summary: 'My badges (我的徽章) in each club I belong to, from what the shop has verified',
    tags: TAGS,
    response: MyBadgesSchema,
    handler: async (ctx) => myBadges(ctx, me(ctx)),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/clubs/{clubId}',
    audience: 'app',
    summary: 'A club with my membership, badges and trust level',
    tags: TAGS,
    params: ClubParams,
    response: AppClubSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => appClub(ctx, me(ctx), params.clubId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/clubs/{clubId}/join',
    audience: 'app',
    summary: 'Join a club: an open club at once, an approval club once staff approve',
    tags: TAGS,
    params: ClubParams,
    response: MembershipSchema.pick({ status: true, role: true }),
    errors: [
      'NOT_FOUND',
      'CLUB_ALREADY_MEMBER',
      'CLUB_MEMBERSHIP_PENDING',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params }) => joinClub(ctx, me(ctx), params.clubId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/clubs/{clubId}/leave',
    audience: 'app',
    summary: 'Leave a club (or withdraw a request to join)',
    tags: TAGS,
    params: ClubParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND', 'CLUB_NOT_MEMBER', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => {
      await leaveClub(ctx, me(ctx), params.clubId);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/clubs/{clubId}/posts',
    audience: 'app',
    summary: 'A club’s feed: pinned posts first, then newest first; `q` searches the club',
    description:
      'Visible posts and my own held ones (state `held`, shown as 审核中). An approval club is read by its members only (`CLUB_NOT_MEMBER`).',
    tags: TAGS,
    params: ClubParams,
    querystring: FeedQuery,
    response: FeedSchema,
    errors: ['NOT_FOUND', 'CLUB_NOT_MEMBER'],
    handler: async (ctx, { params, query }) => appFeed(ctx, me(ctx), params.clubId, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/clubs/{clubId}/posts',
    audience: 'app',
    summary: 'Post in a club I am a member of (text up to 2,000 characters, up to 9 photos)',
    description:
      'The text is kept as plain text (markup removed). Moderation may hold the post (`state: held`) until staff review it: a muted member is refused (`MEMBER_MUTED`).',
    tags: TAGS,
    params: ClubParams,
    body: PostBody,
    status: 201,
    response: PostSchema,
    errors: POST_ERRORS,
    handler: async (ctx, { params, body }) =>
      createPost(ctx, params.clubId, { customerId: me(ctx) }, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/clubs/{clubId}/posts/{postId}',
    audience: 'app',
    summary: 'A post with its comments (oldest first)',
    tags: TAGS,
    params: PostParams,
    response: PostDetailSchema,
    errors: ['NOT_FOUND', 'CLUB_NOT_MEMBER'],
    handler: async (ctx, { params }) => appPost(ctx, me(ctx), params.clubId, params.postId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/clubs/{clubId}/posts/{postId}/comments',
    audience: 'app',
    summary: 'Comment on a post (up to 500 characters)',
    tags: TAGS,
    params: PostParams,
    body: CommentBody,
    status: 201,
    response: CommentSchema,
    errors: POST_ERRORS,
    handler: async (ctx, { params, body }) =>
      createComment(ctx, params.clubId, params.postId, { customerId: me(ctx) }, body),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/app/clubs/{clubId}/posts/{postId}/like',
    audience: 'app',
    summary: 'Like a post (liking again changes nothing)',
    tags: TAGS,
    params: PostParams,
    response: LikeSchema,
    errors: ['NOT_FOUND', 'CLUB_NOT_MEMBER', 'CLUB_MEMBERSHIP_PENDING', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => likePost(ctx, params.clubId, params.postId, me(ctx)),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/app/clubs/{clubId}/posts/{postId}/like',
    audience: 'app',
    summary: 'Take back my like (again changes nothing)',
    tags: TAGS,
    params: PostParams,
    response: LikeSchema,
    errors: ['NOT_FOUND', 'CLUB_NOT_MEMBER', 'CLUB_MEMBERSHIP_PENDING', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => unlikePost(ctx, params.clubId, params.postId, me(ctx)),
  });
}

function staffClubRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/clubs',
    audience: 'staff',
    roles: READERS,
    summary: 'The shop’s clubs with members, requests waiting and posts',
    tags: TAGS,
    querystring: StaffClubListQuery,
    response: z.object({ items: z.array(ClubSchema) }),
    handler: async (ctx, { query }) => listStaffClubs(ctx, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/clubs',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Create a club',
    description:
      'A `make` club needs `make`, a `model` club `make` and `model`; region and interest clubs take neither.',
    tags: TAGS,
    body: CreateClubBody,
    status: 201,
    response: ClubSchema,
    errors: CLUB_ERRORS,
    handler: async (ctx, { body }) => createClub(ctx, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/clubs/{clubId}',
    audience: 'staff',
    roles: READERS,
    summary: 'A club with its counts',
    tags: TAGS,
    params: ClubParams,
    response: ClubSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => staffClub(ctx, params.clubId),
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/clubs/{clubId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Change a club; `archived: true` hides it from owners and stops posting',
    tags: TAGS,
    params: ClubParams,
    body: UpdateClubBody,
    response: ClubSchema,
    errors: CLUB_ERRORS,
    handler: async (ctx, { params, body }) => updateClub(ctx, params.clubId, body),
  });
}

function staffMemberRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/clubs/{clubId}/members',
    audience: 'staff',
    roles: READERS,
    summary: 'Members and requests to join, newest first, with badges and trust level',
    tags: TAGS,
    params: ClubParams,
    querystring: MemberListQuery,
    response: z.object({ items: z.array(MemberSchema), nextCursor: z.string().nullable() }),
    errors: ['NOT_FOUND', 'CURSOR_INVALID'],
    handler: async (ctx, { params, query }) => listMembers(ctx, params.clubId, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/clubs/{clubId}/members/{customerId}/approve',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Approve a request to join',
    tags: TAGS,
    params: MemberParams,
    response: MemberSchema,
    errors: ['NOT_FOUND', 'CLUB_MEMBERSHIP_NOT_PENDING', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => approveMember(ctx, params.clubId, params.customerId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/clubs/{clubId}/members/{customerId}/refuse',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Refuse a request to join (the owner may ask again)',
    tags: TAGS,
    params: MemberParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND', 'CLUB_MEMBERSHIP_NOT_PENDING', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => {
      await refuseMember(ctx, params.clubId, params.customerId);
      return undefined;
    },
  });

  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/clubs/{clubId}/members/{customerId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Give a member a role: organiser, KOL (意见领袖) or plain member',
    tags: TAGS,
    params: MemberParams,
    body: SetRoleBody,
    response: MemberSchema,
    errors: ['NOT_FOUND', 'CLUB_MEMBERSHIP_PENDING', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params, body }) =>
      setMemberRole(ctx, params.clubId, params.customerId, body.role),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/clubs/{clubId}/members/{customerId}',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Remove a member from a club (their posts stay)',
    tags: TAGS,
    params: MemberParams,
    status: 204,
    response: z.undefined(),
    errors: ['NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
    handler: async (ctx, { params }) => {
      await removeMember(ctx, params.clubId, params.customerId);
      return undefined;
    },
  });
}

function staffFeedRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/clubs/{clubId}/posts',
    audience: 'staff',
    roles: READERS,
    summary:
      'A club’s feed as staff see it: held and hidden posts too; `q` searches, `state` filters',
    tags: TAGS,
    params: ClubParams,
    querystring: StaffFeedQuery,
    response: FeedSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, query }) => staffFeed(ctx, params.clubId, query),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/clubs/{clubId}/posts',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Post in a club as the shop (not held by moderation)',
    tags: TAGS,
    params: ClubParams,
    body: PostBody,
    status: 201,
    response: PostSchema,
    errors: [
      'NOT_FOUND',
      'CLUB_ARCHIVED',
      'CLUB_TEXT_TOO_LONG',
      'CLUB_POST_EMPTY',
      'MEDIA_NOT_FOUND',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params, body }) =>
      createPost(ctx, params.clubId, { staffUserId: ctx.actor.id! }, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/clubs/{clubId}/posts/{postId}',
    audience: 'staff',
    roles: READERS,
    summary: 'A post with all its comments, held and hidden included',
    tags: TAGS,
    params: PostParams,
    response: PostDetailSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => staffPost(ctx, params.clubId, params.postId),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/clubs/{clubId}/posts/{postId}/comments',
    audience: 'staff',
    roles: KEEPERS,
    summary: 'Answer under a post as the shop',
    tags: TAGS,
    params: PostParams,
    body: CommentBody,
    status: 201,
    response: CommentSchema,
    errors: [
      'NOT_FOUND',
      'CLUB_ARCHIVED',
      'CLUB_TEXT_TOO_LONG',
      'CLUB_POST_EMPTY',
      'IDEMPOTENCY_KEY_REUSED',
    ],
    handler: async (ctx, { params, body }) =>
      createComment(ctx, params.clubId, params.postId, { staffUserId: ctx.actor.id! }, body),
  });

  for (const [method, pinned] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const)
    defineRoute(app, deps, {
      method,
      url: '/api/v1/staff/clubs/{clubId}/posts/{postId}/pin',
      audience: 'staff',
      roles: KEEPERS,
      summary: pinned
        ? 'Pin a post to the top of the feed (置顶)'
        : 'Unpin a post (it goes back to its place by date)',
      tags: TAGS,
      params: PostParams,
      response: PostSchema,
      errors: ['NOT_FOUND', 'CLUB_POST_NOT_VISIBLE', 'IDEMPOTENCY_KEY_REUSED'],
      handler: async (ctx, { params }) => setPinned(ctx, params.clubId, params.postId, pinned),
    });
}

export function clubRoutes(app: FastifyInstance, deps: RouteDeps) {
  appRoutes(app, deps);
  staffClubRoutes(app, deps);
  staffMemberRoutes(app, deps);
  staffFeedRoutes(app, deps);
}
