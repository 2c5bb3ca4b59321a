// Articles (文章, 作者, 标签): the list, the editor, authors and tags.
// Other parts of the console use only what this file exports.

export { default as ArticleListPage } from './ArticleListPage.tsx';
export { default as ArticleEditorPage } from './ArticleEditorPage.tsx';
export { default as AuthorsPage } from './AuthorsPage.tsx';
export { default as TagsPage } from './TagsPage.tsx';
export { canPublish, canWrite } from './articles.ts';
