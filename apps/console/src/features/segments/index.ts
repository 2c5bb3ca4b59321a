// Segments (客户分群): the list and the filter editor with its preview.
// Other parts of the console use only what this file exports.

export { default as SegmentEditorPage } from './SegmentEditorPage.tsx';
export { default as SegmentListPage } from './SegmentListPage.tsx';
