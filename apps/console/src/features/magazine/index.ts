// The e-magazine (电子杂志): the issue list, the issue editor, and the review of contributions
// (投稿审核). Other parts of the console use only what this file exports.

export { default as IssueListPage } from './IssueListPage.tsx';
export { default as IssueEditorPage } from './IssueEditorPage.tsx';
export { default as ContributionsPage } from './ContributionsPage.tsx';
