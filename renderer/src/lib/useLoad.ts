/** Load one backend value for a page, with loading/error states and a reload(). */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../../../shared/result';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; error: AppError } | { status: 'ok'; value: T };

export function useLoad<T>(load: () => Promise<Result<T>>, deps: readonly unknown[] = []): [LoadState<T>, () => Promise<void>] {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const alive = useRef(true);
  const reload = useCallback(async () => {
    const r = await loadRef.current();
    if (!alive.current) return;
    setState(r.ok ? { status: 'ok', value: r.value } : { status: 'error', error: r.error });
  }, []);
  useEffect(() => {
    alive.current = true;
    void reload();
    return () => {
      alive.current = false;
    };
    // The caller's deps decide when to reload: eslint checks them at each call site (useLoad is
    // listed in the config's additionalHooks), and `reload` is stable (useCallback with []).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return [state, reload];
}
