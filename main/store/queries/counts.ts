/** Row counts per table (the "Your data" panel, `hushdesk stats`, wipe previews). */
import type { PrivacyFacts } from '../../../shared/domain';
import type { Db } from '../db';
import { stmt } from './stmt';

export type TableCounts = PrivacyFacts['counts'] & { privacyNotices: number; meta: number };

export function tableCounts(db: Db): TableCounts {
  const row = stmt(
    db,
    `SELECT
      (SELECT count(*) FROM conversations) AS conversations,
      (SELECT count(*) FROM messages) AS messages,
      (SELECT count(*) FROM consents) AS consents,
      (SELECT count(*) FROM audit_log) AS auditEntries,
      (SELECT count(*) FROM kb_versions) AS knowledgeBaseVersions,
      (SELECT count(*) FROM missed_questions) AS missedQuestions,
      (SELECT count(*) FROM settings) AS settings,
      (SELECT count(*) FROM privacy_notices) AS privacyNotices,
      (SELECT count(*) FROM meta) AS meta`,
  ).get() as TableCounts;
  return { ...row };
}
