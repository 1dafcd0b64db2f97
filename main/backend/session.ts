/**
 * The store's lifecycle inside the backend: locked until a key protector opens it, then one open
 * Store shared by every service; closed (and optionally erased) for "erase everything", after which
 * the next unlock starts fresh. Services ask `require()` and get `store_locked` while it is closed.
 */
import { AppFailure } from '../../shared/result';
import { recoverWipeAll, removeStaleExportTemps } from '../data';
import { openStore, PassphraseProtector, type KeyProtector, type Store } from '../store';

export interface StoreSession {
  readonly dataDir: string;
  isOpen(): boolean;
  require(): Store;
  /** Opens with the given protector (creating the store on a first start). */
  open(protector: KeyProtector): Promise<Store>;
  /** The protector the store was last opened with (to reopen after a wipe). */
  protector(): KeyProtector | null;
  /** Records a protector change made on the open store (the next reopen uses it). */
  adopt(protector: KeyProtector): void;
  close(): void;
}

export function createStoreSession(dataDir: string, cacheDirs: string[], nativeBinding?: string, trace?: (sql: string) => void): StoreSession {
  let store: Store | null = null;
  let current: KeyProtector | null = null;
  return {
    dataDir,
    isOpen: () => store !== null && store.isOpen,
    require() {
      if (!store || !store.isOpen) throw new AppFailure('store_locked', 'The store is locked: enter the passphrase first.');
      return store;
    },
    async open(protector) {
      if (store?.isOpen) return store;
      // An "erase everything" cut short by a crash is finished first, so the folder is either the
      // old store or a clean first start, never a database without its key.
      recoverWipeAll(dataDir, { cacheDirs });
      store = await openStore({ dataDir, protector, create: true, ...(nativeBinding ? { nativeBinding } : {}), ...(trace ? { trace } : {}) });
      // Now that this process holds the store's lock, no other one is exporting: plaintext temps of
      // an export a crash cut short can go.
      removeStaleExportTemps(dataDir);
      if (current && current !== protector && current instanceof PassphraseProtector) current.dispose();
      current = protector;
      return store;
    },
    protector: () => current,
    adopt(protector) {
      current = protector;
    },
    close() {
      store?.close();
      store = null;
    },
  };
}
