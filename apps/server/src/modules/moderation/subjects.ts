// The kinds of user text moderation serves, each answered by the module that owns it. The
// composition root registers every module's `moderationSubjects` hook here at start.
import type { ModerationSubjectHandler, ModerationSubjects } from '../../app/module.ts';
import { AppError } from '../../kernel/errors.ts';

const handlers = new Map<string, ModerationSubjectHandler>();

/** Adds a module's kinds; a kind already answered by another handler is a wiring mistake. */
export function registerModerationSubjects(subjects: ModerationSubjects): void {
  for (const [kind, handler] of Object.entries(subjects)) {
    const known = handlers.get(kind);
    if (known && known !== handler)
      throw new Error(`moderation subject kind "${kind}" is registered twice`);
    handlers.set(kind, handler);
  }
}

/** The handler of a kind named in a request: an unknown kind is the caller's mistake. */
export function handlerOf(kind: string, field = 'kind'): ModerationSubjectHandler {
  const handler = handlers.get(kind);
  if (!handler) throw new AppError('MODERATION_KIND_UNKNOWN', { field, details: { kind } });
  return handler;
}

/** The handler of a kind stored in moderation's rows (gone if its module was unwired). */
export const storedHandlerOf = (kind: string): ModerationSubjectHandler | undefined =>
  handlers.get(kind);

/** Every registered kind with its handler. */
export const allSubjectHandlers = (): [string, ModerationSubjectHandler][] => [
  ...handlers.entries(),
];
