// Error codes of the self-service assistant. Part of the closed set in error-codes.ts (spread
// into ERROR_CODES there).
import { code, type CodeSpec } from './error-code-spec.ts';

export const ASSISTANT_ERROR_CODES = {
  ASSISTANT_NOT_HANDED_OVER: code(
    409,
    '该会话没有转人工，智能助手正在处理',
    'This conversation was not handed over: the assistant has it',
  ),
} as const satisfies Record<string, CodeSpec>;
