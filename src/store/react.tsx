/**
 * The React binding of a desk store: the app provides the one it built; components read it through
 * narrow selectors (zustand's useStore) and reach its actions with useDeskStore in event handlers.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskStore } from './create';
import type { DeskState } from './types';

const DeskContext = createContext<DeskStore | null>(null);

export function DeskProvider({ store, children }: { store: DeskStore; children: ReactNode }) {
  return <DeskContext value={store}>{children}</DeskContext>;
}

/** The store the app provided. WARNING: throws outside a DeskProvider (a wiring mistake). */
export function useDeskStore(): DeskStore {
  const store = useContext(DeskContext);
  if (!store) throw new Error('useDeskStore outside DeskProvider');
  return store;
}

export function useDesk<T>(selector: (s: DeskState) => T): T {
  return useStore(useDeskStore(), selector);
}

/** The queue's ids after filter and sort, memoised by the store. */
export function useVisibleIds(): readonly string[] {
  const store = useDeskStore();
  return useStore(store, store.selectors.visibleIds);
}

export function useProgress(): { readonly done: number; readonly total: number } {
  const store = useDeskStore();
  return useStore(store, store.selectors.progress);
}
