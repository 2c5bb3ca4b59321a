// A value that follows another once it has stopped changing for a while (typing, then a search).
import { useEffect, useState } from 'react';

/** `value`, `ms` after its last change (the first value at once). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
