import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteDeps } from '../../http/route.ts';
import type { ErrorCode } from '../../kernel/errors.ts';
import type { StaffRole } from '../../kernel/roles.ts';
import { createCall, getCall, listCalls, listOpenCalls, updateCall } from './calls.ts';
import {
  approveContribution,
  contribute,
  listContributions,
  listMyContributions,
  placeContribution,
  rejectContribution,
  unplaceContribution,
} from './contributions.ts';
import * as editor from './editor.ts';
import { getIssue, latestIssue, listIssues } from './magazine-read.ts';
import {
  AppCallSchema,
  CallBody,
  CallPatchBody,
  CallSchema,
  ContributionBody,
  ContributionListQuery,
  ContributionSchema,
  IssueBody,
  IssuePatchBody,
  IssueSchema,
  IssueSummarySchema,
  LatestSchema,
  OrderBody,
  PageBody,
  PagePatchBody,
  PlaceBody,
  PublishSchema,
  RejectBody,
  SectionBody,
  SubscriptionSchema,
} from './magazine.schemas.ts';
import { announceAgain, archiveIssue, publishIssue } from './publish.ts';
import { isSubscribed, subscribe, subscriberCount, unsubscribe } from './subscribers.ts';

/** Reading is for the whole team; editing the magazine and moderating contributions, owner and manager. */
const TEAM: readonly StaffRole[] = ['owner', 'manager', 'advisor', 'technician'];
const EDITORS: readonly StaffRole[] = ['owner', 'manager'];
const TAGS = ['magazine'];
const IssueParams = z.object({ issueId: z.string().uuid() });
const SectionParams = z.object({ sectionId: z.string().uuid() });
const PageParams = z.object({ pageId: z.string().uuid() });
const CallParams = z.object({ callId: z.string().uuid() });
const ContributionParams = z.object({ contributionId: z.string().uuid() });
const customerId = (ctx: { actor: { id: string | null } }) => ctx.actor.id!;
const EDIT_ERRORS: ErrorCode[] = ['NOT_FOUND', 'MEDIA_NOT_FOUND', 'VALIDATION_FAILED'];

function staffIssueRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/magazine/issues',
    audience: 'staff',
    roles: TEAM,
    summary: 'E-magazine issues (电子杂志), newest first, with the number of subscribers',
    tags: TAGS,
    response: z.object({ items: z.array(IssueSummarySchema), subscribers: z.number().int() }),
    handler: async (ctx) => ({
      items: await listIssues(ctx, false),
      subscribers: await subscriberCount(ctx),
    }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/issues',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Start an issue (a draft)',
    tags: TAGS,
    body: IssueBody,
    status: 201,
    response: IssueSchema,
    errors: EDIT_ERRORS,
    handler: async (ctx, { body }) => editor.createIssue(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/magazine/issues/{issueId}',
    audience: 'staff',
    roles: TEAM,
    summary: 'An issue with its sections and pages, in order',
    tags: TAGS,
    params: IssueParams,
    response: IssueSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getIssue(ctx, params.issueId),
  });
  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/magazine/issues/{issueId}',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Change an issue’s title, standfirst or cover',
    tags: TAGS,
    params: IssueParams,
    body: IssuePatchBody,
    response: IssueSchema,
    errors: EDIT_ERRORS,
    handler: async (ctx, { params, body }) => editor.updateIssue(ctx, params.issueId, body),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/staff/magazine/issues/{issueId}/order',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Reorder the sections and pages (pages may move between sections)',
    tags: TAGS,
    params: IssueParams,
    body: OrderBody,
    response: IssueSchema,
    errors: ['NOT_FOUND', 'MAGAZINE_ORDER_INVALID'],
    handler: async (ctx, { params, body }) => editor.reorderIssue(ctx, params.issueId, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/issues/{issueId}/publish',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Publish an issue (draft or archived): readers’ pages credited, subscribers told',
    description:
      'Each placed contribution’s author gets the call’s points once (ledger key `magazine-contribution:<id>`) and an inbox message; each subscriber gets one marketing message per issue (consent, quiet hours and caps apply). Publishing again pays and tells no one twice.',
    tags: TAGS,
    params: IssueParams,
    response: PublishSchema,
    errors: ['NOT_FOUND', 'MAGAZINE_STATUS_INVALID', 'MAGAZINE_ISSUE_EMPTY'],
    handler: async (ctx, { params }) => publishIssue(ctx, params.issueId),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/issues/{issueId}/archive',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Archive a published issue (off the app; it may be published again)',
    tags: TAGS,
    params: IssueParams,
    response: IssueSchema,
    errors: ['NOT_FOUND', 'MAGAZINE_STATUS_INVALID'],
    handler: async (ctx, { params }) => archiveIssue(ctx, params.issueId),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/issues/{issueId}/announce',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Tell subscribers who have not heard of this published issue yet',
    tags: TAGS,
    params: IssueParams,
    response: z.object({ announced: z.number().int() }),
    errors: ['NOT_FOUND', 'MAGAZINE_STATUS_INVALID'],
    handler: async (ctx, { params }) => announceAgain(ctx, params.issueId),
  });
}

function staffPageRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/issues/{issueId}/sections',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Add a section (栏目) at the end',
    tags: TAGS,
    params: IssueParams,
    body: SectionBody,
    status: 201,
    response: IssueSchema,
    errors: EDIT_ERRORS,
    handler: async (ctx, { params, body }) => editor.addSection(ctx, params.issueId, body),
  });
  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/magazine/sections/{sectionId}',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Rename a section',
    tags: TAGS,
    params: SectionParams,
    body: SectionBody,
    response: IssueSchema,
    errors: EDIT_ERRORS,
    handler: async (ctx, { params, body }) => editor.renameSection(ctx, params.sectionId, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/magazine/sections/{sectionId}',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Delete an empty section (no page, no call feeding it)',
    tags: TAGS,
    params: SectionParams,
    response: IssueSchema,
    errors: ['NOT_FOUND', 'MAGAZINE_SECTION_NOT_EMPTY'],
    handler: async (ctx, { params }) => editor.deleteSection(ctx, params.sectionId),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/issues/{issueId}/pages',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Add a page (页) at the end of a section: rich text (sanitised), photos, a layout',
    tags: TAGS,
    params: IssueParams,
    body: PageBody,
    status: 201,
    response: IssueSchema,
    errors: EDIT_ERRORS,
    handler: async (ctx, { params, body }) => editor.addPage(ctx, params.issueId, body),
  });
  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/magazine/pages/{pageId}',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Change a page',
    tags: TAGS,
    params: PageParams,
    body: PagePatchBody,
    response: IssueSchema,
    errors: EDIT_ERRORS,
    handler: async (ctx, { params, body }) => editor.updatePage(ctx, params.pageId, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/staff/magazine/pages/{pageId}',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Delete a page (a reader’s contribution on it may be placed again)',
    tags: TAGS,
    params: PageParams,
    response: IssueSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => editor.deletePage(ctx, params.pageId, unplaceContribution),
  });
}

function staffContributionRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/magazine/calls',
    audience: 'staff',
    roles: TEAM,
    summary: 'Calls for contributions (征稿), newest first, with counts by status',
    tags: TAGS,
    response: z.object({ items: z.array(CallSchema) }),
    handler: async (ctx) => ({ items: await listCalls(ctx) }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/calls',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Open a call for contributions on a section of an issue',
    tags: TAGS,
    body: CallBody,
    status: 201,
    response: CallSchema,
    errors: EDIT_ERRORS,
    handler: async (ctx, { body }) => createCall(ctx, body),
  });
  defineRoute(app, deps, {
    method: 'PATCH',
    url: '/api/v1/staff/magazine/calls/{callId}',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Change or close a call',
    tags: TAGS,
    params: CallParams,
    body: CallPatchBody,
    response: CallSchema,
    errors: EDIT_ERRORS,
    handler: async (ctx, { params, body }) => updateCall(ctx, params.callId, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/staff/magazine/contributions',
    audience: 'staff',
    roles: TEAM,
    summary: 'Contributions (投稿), newest first, by call and status',
    tags: TAGS,
    querystring: ContributionListQuery,
    response: z.object({ items: z.array(ContributionSchema) }),
    handler: async (ctx, { query }) => ({ items: await listContributions(ctx, query) }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/contributions/{contributionId}/approve',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Accept a contribution (moderation’s approve): ready to be placed',
    tags: TAGS,
    params: ContributionParams,
    response: ContributionSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => approveContribution(ctx, params.contributionId),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/contributions/{contributionId}/reject',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Reject a contribution with a reason its author sees (its page comes down)',
    tags: TAGS,
    params: ContributionParams,
    body: RejectBody,
    response: ContributionSchema,
    errors: ['NOT_FOUND', 'MODERATION_REASON_REQUIRED', 'MAGAZINE_CONTRIBUTION_STATUS'],
    handler: async (ctx, { params, body }) => rejectContribution(ctx, params.contributionId, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/staff/magazine/contributions/{contributionId}/place',
    audience: 'staff',
    roles: EDITORS,
    summary: 'Add an accepted contribution as a page of the call’s section',
    description:
      'Placed in an issue that is already published, the author is credited at once (points once).',
    tags: TAGS,
    params: ContributionParams,
    body: PlaceBody,
    response: ContributionSchema,
    errors: ['NOT_FOUND', 'MAGAZINE_CONTRIBUTION_STATUS'],
    handler: async (ctx, { params, body }) => placeContribution(ctx, params.contributionId, body),
  });
}

function appRoutes(app: FastifyInstance, deps: RouteDeps) {
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/magazine/latest',
    audience: 'app',
    summary: 'The latest published issue and how many calls take contributions',
    tags: TAGS,
    response: LatestSchema,
    errors: ['MAGAZINE_NONE'],
    handler: async (ctx) => latestIssue(ctx),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/magazine/issues',
    audience: 'app',
    summary: 'Published issues, newest first, and whether I subscribe',
    tags: TAGS,
    response: z.object({ items: z.array(IssueSummarySchema), subscribed: z.boolean() }),
    handler: async (ctx) => ({
      items: await listIssues(ctx, true),
      subscribed: (await isSubscribed(ctx, customerId(ctx))).subscribed,
    }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/magazine/issues/{issueId}',
    audience: 'app',
    summary: 'A published issue to read: sections, pages, photos, readers’ credits',
    tags: TAGS,
    params: IssueParams,
    response: IssueSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getIssue(ctx, params.issueId, true),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/magazine/calls',
    audience: 'app',
    summary: 'Calls that take contributions now, the soonest deadline first',
    tags: TAGS,
    response: z.object({ items: z.array(AppCallSchema) }),
    handler: async (ctx) => ({ items: await listOpenCalls(ctx) }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/magazine/calls/{callId}',
    audience: 'app',
    summary: 'One call',
    tags: TAGS,
    params: CallParams,
    response: AppCallSchema,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => getCall(ctx, params.callId),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/app/magazine/calls/{callId}/contributions',
    audience: 'app',
    summary: 'Contribute (投稿) to an open call: text ≤ 2,000 characters and up to 9 of my photos',
    description: 'Every contribution waits for staff review; a muted owner is refused.',
    tags: TAGS,
    params: CallParams,
    body: ContributionBody,
    status: 201,
    response: ContributionSchema,
    errors: [
      'NOT_FOUND',
      'MAGAZINE_CALL_CLOSED',
      'MAGAZINE_TEXT_TOO_LONG',
      'MAGAZINE_TEXT_EMPTY',
      'MAGAZINE_TOO_MANY_PHOTOS',
      'MEDIA_NOT_FOUND',
      'MEMBER_MUTED',
    ],
    handler: async (ctx, { params, body }) => contribute(ctx, customerId(ctx), params.callId, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/magazine/contributions',
    audience: 'app',
    summary: 'My contributions with where each stands',
    tags: TAGS,
    response: z.object({ items: z.array(ContributionSchema) }),
    handler: async (ctx) => ({ items: await listMyContributions(ctx, customerId(ctx)) }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/app/magazine/subscription',
    audience: 'app',
    summary: 'Whether I subscribe to the e-magazine',
    tags: TAGS,
    response: SubscriptionSchema,
    handler: async (ctx) => isSubscribed(ctx, customerId(ctx)),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/v1/app/magazine/subscription',
    audience: 'app',
    summary: 'Subscribe (订阅): hear of each new issue',
    tags: TAGS,
    response: SubscriptionSchema,
    handler: async (ctx) => subscribe(ctx, customerId(ctx)),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/v1/app/magazine/subscription',
    audience: 'app',
    summary: 'Unsubscribe',
    tags: TAGS,
    response: SubscriptionSchema,
    errors: ['MAGAZINE_NOT_SUBSCRIBED'],
    handler: async (ctx) => unsubscribe(ctx, customerId(ctx)),
  });
}

export function magazineRoutes(app: FastifyInstance, deps: RouteDeps) {
  staffIssueRoutes(app, deps);
  staffPageRoutes(app, deps);
  staffContributionRoutes(app, deps);
  appRoutes(app, deps);
}
