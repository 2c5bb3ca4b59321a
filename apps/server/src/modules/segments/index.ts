// Segments (客户分群): the filter catalogue, the filter tree compiled to one parameterised SQL
// query, the live count, saved segments and their CSV export.
export { segments } from './segments.tables.ts';
export {
  checkFilter,
  FIELDS,
  SegmentNodeSchema,
  type SegmentNode,
  type SegmentRule,
} from './fields.ts';
export { segmentMembersSql, type SegmentEnv } from './compile.ts';
export {
  countMembers,
  createSegment,
  membersSql,
  onSegmentDelete,
  previewSegment,
  segmentEnv,
  segmentRow,
} from './segments.service.ts';
