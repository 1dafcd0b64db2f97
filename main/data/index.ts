/**
 * Data controls: view/search/delete (handlers over main/store queries), export, wipe (crypto-erase),
 * retention and the hash-chained audit log. The IPC handlers (handlers.ts) and the CLI commands
 * (main/cli/commands/{export,wipe,audit,retention}.ts) both call these functions.
 */
export {
  AUDIT_KINDS,
  GENESIS_HASH,
  DEFAULT_AUDIT_RETENTION_MS,
  STRIPPED,
  appendAudit,
  listAudit,
  verifyAudit,
  countAudit,
  purgeAudit,
  purgeOldAudit,
  auditAnchor,
  exportAudit,
  verifyAuditExport,
  sanitizeDetail,
  type AuditKind,
  type AuditDetail,
  type ListAuditOptions,
} from './audit';
export {
  createExport,
  exportFileName,
  scopeOf,
  exportQr,
  qrText,
  qrOfMessages,
  QR_MAX_CHARS,
  decryptExport,
  isEncryptedExport,
  EXPORT_FORMAT_NAME,
  EXPORT_FORMAT_VERSION,
  type ExportOptions,
  type ExportTarget,
  type ExportScope,
  type ByteSink,
} from './export';
export {
  previewWipe,
  wipeConversation,
  wipeEndOfDay,
  resumeEndOfDayWipe,
  wipeAll,
  recoverWipeAll,
  lastWipe,
  ownedFiles,
  ERASE_MARKER,
  type WipeHooks,
  type WipeStep,
  type WipeTrigger,
  type LastWipe,
} from './wipe';
export {
  expiryFor,
  retentionExpiry,
  purgeExpired,
  applyPolicyToExisting,
  nextScheduledWipe,
  isScheduledWipeOverdue,
  scheduleBaseline,
  resetScheduleBaseline,
  nextLocalMidnight,
  retentionText,
  parseRetention,
  formatRetention,
  type Expiry,
} from './retention';
export { runDataTasks, type DataTaskReport, type DataTaskSettings } from './startup';
export { dataHandlers, type DataChannels } from './handlers';
