// Error codes of content: articles and their tags, the e-magazine, outside-feed monitoring. Part
// of the closed set in error-codes.ts (spread into ERROR_CODES there).
import { code, type CodeSpec } from './error-code-spec.ts';

export const CONTENT_ERROR_CODES = {
  ARTICLE_VERSION_STALE: code(
    409,
    '文章已被他人修改，请刷新后再保存',
    'Someone else saved this article meanwhile: reload it, then save again',
  ),
  ARTICLE_NOT_AUTHOR: code(
    403,
    '您不是该文章的作者，或尚未成为作者',
    'You are not the author of this article, or not an author at all',
  ),
  ARTICLE_PUBLISH_FORBIDDEN: code(
    403,
    '只有店主和店长可以发布、定时或下架文章',
    'Only the owner and managers publish, schedule or unpublish articles',
  ),
  ARTICLE_STATUS_INVALID: code(
    409,
    '文章当前状态不允许此操作',
    'This cannot be done in the article’s current status',
  ),
  ARTICLE_IN_REVIEW: code(
    409,
    '文章正在审核中，不能修改',
    'The article is waiting for review and cannot be changed',
  ),
  ARTICLE_TAG_UNKNOWN: code(422, '没有这个标签', 'There is no such tag'),
  ARTICLE_AUTHOR_UNKNOWN: code(422, '没有这位作者，或作者已停用', 'No such active author'),
  ARTICLE_PUBLISH_AT_PAST: code(
    422,
    '定时发布的时间必须在将来',
    'A scheduled publication must be in the future',
  ),
  ARTICLE_TITLE_EMPTY: code(422, '请填写标题', 'Give the article a title'),
  ARTICLE_REVISION_UNKNOWN: code(404, '没有这个历史版本', 'There is no such revision'),
  ARTICLE_AUTHOR_EXISTS: code(409, '此人已经是作者', 'This person is already an author'),
  TAG_IN_USE: code(
    409,
    '还有文章使用该标签，不能删除',
    'Articles still use this tag, so it cannot be deleted',
  ),
  TAG_TAKEN: code(409, '已有同名或同标识的标签', 'A tag with this name or slug already exists'),
  MAGAZINE_NONE: code(404, '还没有已发布的电子杂志', 'No e-magazine issue has been published yet'),
  MAGAZINE_STATUS_INVALID: code(
    409,
    '该期杂志当前状态不允许此操作',
    'This cannot be done in the issue’s current status',
  ),
  MAGAZINE_ISSUE_EMPTY: code(
    409,
    '请先为本期添加至少一页',
    'Add at least one page to the issue first',
  ),
  MAGAZINE_SECTION_NOT_EMPTY: code(
    409,
    '栏目中还有页面或征稿，不能删除',
    'The section still has pages or calls and cannot be deleted',
  ),
  MAGAZINE_ORDER_INVALID: code(
    422,
    '排序须列出本期的全部栏目和页面，且各出现一次',
    'The order must name every section and page of the issue exactly once',
  ),
  MAGAZINE_CALL_CLOSED: code(409, '该征稿已截止', 'This call for contributions has closed'),
  MAGAZINE_TEXT_TOO_LONG: code(
    400,
    '投稿内容不能超过 2000 字',
    'A contribution is at most 2,000 characters',
  ),
  MAGAZINE_TEXT_EMPTY: code(400, '请填写投稿内容', 'Write something for your contribution'),
  MAGAZINE_TOO_MANY_PHOTOS: code(400, '最多上传 9 张照片', 'At most 9 photos'),
  MAGAZINE_CONTRIBUTION_STATUS: code(
    409,
    '该投稿当前状态不允许此操作',
    'This cannot be done in the contribution’s current status',
  ),
  MAGAZINE_NOT_SUBSCRIBED: code(
    409,
    '您尚未订阅电子杂志',
    'You have not subscribed to the e-magazine',
  ),
  MONITOR_FEED_URL_INVALID: code(
    400,
    '订阅源地址须为 http:// 或 https:// 开头的链接',
    'The feed address must be an http:// or https:// link',
  ),
  MONITOR_FEED_URL_BLOCKED: code(
    422,
    '订阅源地址指向内网或保留地址，不能订阅',
    'The feed address points at a private or reserved network address',
  ),
  MONITOR_FEED_EXISTS: code(409, '已订阅该地址', 'This feed address is already watched'),
  MONITOR_RULE_TERMS_EMPTY: code(
    400,
    '请至少填写一个有效的关键词',
    'Give at least one keyword to look for',
  ),
  MONITOR_FEED_UNKNOWN: code(422, '所选订阅源不存在', 'The chosen feed does not exist'),
  MONITOR_RECIPIENT_UNKNOWN: code(
    422,
    '所选接收人不存在或已停用',
    'A chosen recipient does not exist or is no longer active',
  ),
} as const satisfies Record<string, CodeSpec>;
