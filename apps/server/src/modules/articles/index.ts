// Articles: what the business, its staff and nominated KOL owners write (tags, revisions,
// scheduled publishing), and the published read model that public pages and feeds use.
export {
  articleAuthors,
  articleRevisions,
  articles,
  articleTags,
  contentTags,
  ARTICLE_STATUSES,
  AUTHOR_KINDS,
  type ArticleStatus,
  type AuthorKind,
} from './articles.tables.ts';
export {
  getPublishedArticle,
  listAuthors,
  listPublishedArticles,
  listTags,
  type ArticleByline,
  type ArticleTag,
  type PublishedArticle,
  type PublishedQuery,
} from './articles-read.ts';
export { ensureTags } from './tags-ensure.ts';
export { setInterestScores, type InterestScores } from './interests-port.ts';
export { seedDemoArticles } from './demo.ts';
