/**
 * The encrypted local store: the API other parts of main/ use.
 *
 *   const store = await openStore({ dataDir, protector: new PassphraseProtector(pw), create: true });
 *   createConversation(store.db, {...}); appendTurn(store.db, id, user, [bot]);
 *   store.close();
 */
export { openStore, CIPHER, CIPHER_LEGACY, type Store, type OpenStoreOptions } from './store';
export { rekey, changeKeyProtector } from './rekey';
export { setAsideStore, eraseStoreFiles, isStoreInUse, type SetAsideResult } from './files';
export { storeFiles, storeHealth, integrityCheck, type StoreFiles, type StoreHealth } from './inspect';
export { storePaths, defaultDataDir, DB_FILE, KEY_FILE, APP_NAME, type StorePaths } from './paths';
export { toAppFailure, type Db } from './db';
export { PassphraseProtector, DEFAULT_SCRYPT, type ScryptCost, type PassphraseProtectorOptions } from './keys/passphrase';
export { DeviceProtector, BASIC_TEXT_WARNING, type SafeStorageLike } from './keys/device';
export type { KeyProtector, WrapSession } from './keys/protector';
export { readKeyFile, type KeyFile } from './keys/keyfile';
export { migrate, schemaVersion, MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration, type MigrationReport } from './migrations';
export { transaction } from './queries/tx';
export * from './queries/conversations';
export * from './queries/search';
export * from './queries/keyvalue';
export * from './queries/kb';
export * from './queries/kb-editor';
export * from './queries/misses';
export * from './queries/consents';
export * from './queries/counts';
