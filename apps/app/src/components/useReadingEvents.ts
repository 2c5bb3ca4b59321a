// Reading events for interests: opened when the piece is shown, finished (with the seconds spent)
// when its end comes into view. The answer is not waited for and a failure is not the reader's
// concern (with personalisation off the server records nothing).
import { useEffect, useRef } from 'react';
import { interestsApi, type ReadingEvent } from '../interests-api.ts';

/** Answers the ref for the element that marks the end of the piece. */
export function useReadingEvents<T extends HTMLElement = HTMLDivElement>(
  subject: { type: ReadingEvent['subjectType']; id: string } | undefined,
) {
  const end = useRef<T>(null);
  const type = subject?.type;
  const id = subject?.id;
  useEffect(() => {
    if (!type || !id) return;
    const started = Date.now();
    const send = (event: Omit<ReadingEvent, 'subjectType' | 'subjectId'>) =>
      void interestsApi.read({ subjectType: type, subjectId: id, ...event }).catch(() => null);
    send({ event: 'opened' });
    let done = false;
    const node = end.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const seen = new IntersectionObserver((entries) => {
      if (done || !entries.some((e) => e.isIntersecting)) return;
      done = true;
      send({
        event: 'finished',
        seconds: Math.min(7200, Math.round((Date.now() - started) / 1000)),
        depth: 1,
      });
    });
    seen.observe(node);
    return () => seen.disconnect();
  }, [type, id]);
  return end;
}
