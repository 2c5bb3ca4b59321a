// A request the coupon rules refuse (400 VALIDATION_FAILED) with its own words in both languages.
import { AppError } from '../../kernel/errors.ts';

export const validationError = (field: string, zh: string, en: string) =>
  new AppError('VALIDATION_FAILED', {
    field,
    message: { 'zh-CN': `请求内容有误：${zh}`, en: `The request is not valid: ${en}` },
  });
