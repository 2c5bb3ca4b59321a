// State that starts over whenever what it belongs to changes: a modal's own inputs, fresh each
// time it opens (or each time it opens for another record).
import { useEffect, useRef, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';

/**
 * Like useState, but set back to `initial` whenever `key` changes (e.g. `open`, or the record
 * the modal is for). `initial` is read at that moment, so it may depend on props.
 *
 *   const [reason, setReason] = useStateFor(open, '');
 */
export function useStateFor<T>(key: unknown, initial: T): [T, Dispatch<SetStateAction<T>>] {
  const [state, setState] = useState<T>(initial);
  const initialRef = useRef(initial);
  useEffect(() => {
    initialRef.current = initial;
  });
  useEffect(() => {
    setState(initialRef.current);
  }, [key]);
  return [state, setState];
}
