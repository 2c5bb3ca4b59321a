// Error codes of the help center (帮助中心): FAQ categories, entries and synonym groups. Part of
// the closed set in error-codes.ts (spread into ERROR_CODES there).
import { code } from './error-code-spec.ts';

export const HELP_ERROR_CODES = {
  HELP_CATEGORY_NAME_TAKEN: code(409, '已有同名的分类', 'There is already a category by this name'),
  HELP_CATEGORY_NOT_EMPTY: code(
    409,
    '分类下还有问题，请先移走或删除这些问题',
    'The category still holds entries: move or delete them first',
  ),
  HELP_CATEGORY_UNKNOWN: code(
    422,
    '没有这个分类，或分类已被删除',
    'No such category (it may have been deleted)',
  ),
  HELP_ENTRY_TEXT_INCOMPLETE: code(
    422,
    '问题和答案要成对填写',
    'Give the question and its answer together',
  ),
  HELP_SYNONYM_TOO_FEW: code(
    422,
    '同义词组至少需要两个不同的词',
    'A synonym group needs at least two different terms',
  ),
  HELP_SYNONYM_TERM_TAKEN: code(
    409,
    '这个词已在另一个同义词组里',
    'This term is already in another synonym group',
  ),
};
