import { z } from 'zod';
import { CursorQuery } from '../../kernel/paging.ts';
import {
  CLUB_KINDS,
  CONTENT_STATES,
  JOIN_POLICIES,
  MEMBER_ROLES,
  MEMBER_STATUSES,
} from './clubs.tables.ts';
import { BADGES } from './trust-rules.ts';

/** Posts: at most this many characters once sanitised (the raw input may carry some markup). */
export const POST_MAX_CHARS = 2000;
export const COMMENT_MAX_CHARS = 500;
export const POST_MAX_IMAGES = 9;

const Label = (max: number) => z.string().trim().min(1).max(max);

const clubFields = {
  name: Label(40).describe('Shown to owners, unique among the shop’s clubs'),
  description: z.string().trim().max(1000).default(''),
  kind: z.enum(CLUB_KINDS).describe('make · model · region · interest'),
  make: Label(40).nullish().describe('Make and model clubs: the make, as written on cars (大众)'),
  model: Label(40).nullish().describe('Model clubs: the model of that make'),
  region: Label(40).nullish(),
  interest: Label(20).nullish().describe('An interest tag: 越野, 新能源, 老爷车…'),
  coverImageId: z.string().uuid().nullish().describe('An image uploaded through media'),
  joinPolicy: z.enum(JOIN_POLICIES).default('open').describe('open: at once · approval: staff'),
};

export const CreateClubBody = z.object(clubFields).meta({
  example: {
    name: '大众车友会',
    description: '大众车主交流用车心得、组织自驾。',
    kind: 'make',
    make: '大众',
    joinPolicy: 'open',
  },
});
export type CreateClubInput = z.infer<typeof CreateClubBody>;

export const UpdateClubBody = z
  .object({
    name: clubFields.name,
    description: z.string().trim().max(1000),
    kind: clubFields.kind,
    make: clubFields.make,
    model: clubFields.model,
    region: clubFields.region,
    interest: clubFields.interest,
    coverImageId: clubFields.coverImageId,
    joinPolicy: z.enum(JOIN_POLICIES),
    archived: z.boolean().describe('An archived club is hidden from owners and takes no posts'),
  })
  .partial()
  .meta({ example: { joinPolicy: 'approval', archived: false } });
export type UpdateClubInput = z.infer<typeof UpdateClubBody>;

export const BadgeSchema = z.object({
  code: z.enum(BADGES),
  make: z.string().optional().describe('make_owner: the make'),
});

export const ImageSchema = z.object({
  id: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

const clubOut = {
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(CLUB_KINDS),
  make: z.string().nullable(),
  model: z.string().nullable(),
  region: z.string().nullable(),
  interest: z.string().nullable(),
  coverImageId: z.string().nullable(),
  cover: ImageSchema.nullable(),
  joinPolicy: z.enum(JOIN_POLICIES),
  archived: z.boolean(),
  memberCount: z.number().int(),
  postCount: z.number().int(),
  createdAt: z.string(),
};
export const ClubSchema = z.object({
  ...clubOut,
  pendingCount: z.number().int(),
  recentPostCount: z.number().int().describe('Visible posts of the last 30 days'),
});
export type ClubDto = z.infer<typeof ClubSchema>;

export const MembershipSchema = z.object({
  status: z.enum(MEMBER_STATUSES),
  role: z.enum(MEMBER_ROLES),
  badges: z.array(BadgeSchema),
  trustLevel: z.number().int().describe('0 new · 1 verified · 2 regular · 3 KOL or organiser'),
});

export const AppClubSchema = z.object({
  ...clubOut,
  membership: MembershipSchema.nullable().describe('Mine; null when I am not a member'),
});
export type AppClubDto = z.infer<typeof AppClubSchema>;
export const AppClubListSchema = z.object({
  mine: z.array(AppClubSchema).describe('Clubs I belong to or asked to join'),
  discover: z.array(AppClubSchema).describe('Other open and approval clubs of the shop'),
});

export const StaffClubListQuery = z.object({
  archived: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('true: archived only; false: active only; absent: all'),
});

export const AuthorSchema = z.object({
  type: z.enum(['customer', 'shop']),
  customerId: z.string().nullable(),
  name: z.string().describe('王先生 / 李女士 for owners; the shop’s name for staff'),
  badges: z.array(BadgeSchema),
});

export const PostSchema = z.object({
  id: z.string(),
  clubId: z.string(),
  author: AuthorSchema,
  text: z.string(),
  images: z.array(ImageSchema),
  state: z.enum(CONTENT_STATES).describe('held: 审核中, seen by its author and staff only'),
  pinned: z.boolean(),
  likeCount: z.number().int(),
  commentCount: z.number().int(),
  likedByMe: z.boolean(),
  mine: z.boolean(),
  createdAt: z.string(),
});
export type PostDto = z.infer<typeof PostSchema>;

export const CommentSchema = z.object({
  id: z.string(),
  postId: z.string(),
  author: AuthorSchema,
  text: z.string(),
  state: z.enum(CONTENT_STATES),
  mine: z.boolean(),
  createdAt: z.string(),
});
export type CommentDto = z.infer<typeof CommentSchema>;

export const PostDetailSchema = PostSchema.extend({
  comments: z.array(CommentSchema).describe('Oldest first, up to 200'),
});

export const FeedSchema = z.object({
  pinned: z.array(PostSchema).describe('Pinned posts, on the first page only (no cursor, no q)'),
  items: z.array(PostSchema),
  nextCursor: z.string().nullable(),
});

export const FeedQuery = z.object({
  q: z
    .string()
    .trim()
    .max(50)
    .optional()
    .describe('Search the club: posts whose text holds this (case-blind); pinned posts included'),
  cursor: CursorQuery,
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('Page size (1–50)'),
});
export type FeedQueryInput = z.infer<typeof FeedQuery>;
export const StaffFeedQuery = FeedQuery.extend({
  state: z.enum(CONTENT_STATES).optional().describe('Only posts in this state'),
});
export type StaffFeedQueryInput = z.infer<typeof StaffFeedQuery>;

export const PostBody = z
  .object({
    text: z
      .string()
      .max(POST_MAX_CHARS * 2)
      .default(''),
    imageIds: z
      .array(z.string().uuid())
      .max(POST_MAX_IMAGES)
      .refine((ids) => new Set(ids).size === ids.length, 'Each photo once')
      .default([])
      .describe('Up to 9 images uploaded through media (POST /api/v1/app/media/images)'),
  })
  .meta({ example: { text: '周末去千岛湖自驾，有一起的吗？', imageIds: [] } });
export type PostInput = z.infer<typeof PostBody>;

export const CommentBody = z
  .object({ text: z.string().max(COMMENT_MAX_CHARS * 2) })
  .meta({ example: { text: '算我一个！' } });

export const LikeSchema = z.object({ liked: z.boolean(), likeCount: z.number().int() });

export const MemberSchema = z.object({
  customerId: z.string(),
  name: z.string().nullable(),
  status: z.enum(MEMBER_STATUSES),
  role: z.enum(MEMBER_ROLES),
  badges: z.array(BadgeSchema),
  trustLevel: z.number().int(),
  requestedAt: z.string(),
  joinedAt: z.string().nullable(),
});
export const MemberListQuery = z.object({
  status: z.enum(MEMBER_STATUSES).optional(),
  role: z.enum(MEMBER_ROLES).optional(),
  cursor: CursorQuery,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MemberListQueryInput = z.infer<typeof MemberListQuery>;
export const SetRoleBody = z
  .object({ role: z.enum(MEMBER_ROLES).describe('organiser and KOL are given by staff only') })
  .meta({ example: { role: 'kol' } });

export const MyBadgesSchema = z.object({
  items: z.array(
    z.object({
      clubId: z.string(),
      clubName: z.string(),
      role: z.enum(MEMBER_ROLES),
      badges: z.array(BadgeSchema),
      trustLevel: z.number().int(),
    }),
  ),
});
