/**
 * The settings rules' own codes (issue 17, item 5): a refused setting crosses IPC as a detail with
 * one of these codes and its values (ErrorDetail.code/params), and the renderer words it from its
 * catalogues (error.field.<code>). zod's regex issue carries no values of our own, so a pattern rule
 * is a refinement with its code instead: the English message stays the backend's exact line.
 *
 * Imports nothing.
 */
export const SETTINGS_RULE_CODES = [
  // Opening hours and the end-of-day wipe time.
  'time_hhmm',
  'close_hhmm',
  'same_open_close',
  'opening_overlap',
  'holiday_date',
  'duplicate_date',
  // Branding.
  'accent_colour',
  'accent_contrast',
  // Masking: region, countries, custom patterns.
  'region_code',
  'unknown_region',
  'country_code',
  'unknown_country',
  'pattern_label',
  'duplicate_pattern',
  'bad_regex',
  'regex_matches_empty',
  'regex_hangs',
  // Export recipients (age public keys) and the export folder.
  'age_key_prefix',
  'age_key_length',
  'age_key_character',
  'age_key_checksum',
  'age_key_size',
  'full_path',
  'folder_missing',
  'not_a_folder',
  'folder_not_writable',
  'folder_unusable',
  'folder_in_data',
] as const;

export type SettingsRuleCode = (typeof SETTINGS_RULE_CODES)[number];

/** A rule's failure: its code, the values its sentence needs, and the backend's English line. */
export interface RuleProblem {
  code: SettingsRuleCode;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * `.refine(...matching(re, code, message))`: a string that must match `re`, refused with the rule's
 * own code (the English line unchanged).
 */
export function matching(re: RegExp, code: SettingsRuleCode, message: string): [(v: string) => boolean, { message: string; params: { code: SettingsRuleCode } }] {
  return [(v) => re.test(v), { message, params: { code } }];
}

/** The zod issue for a rule's problem (custom, with its code and values as params). */
export function ruleIssue(p: RuleProblem, path?: PropertyKey[]): { code: 'custom'; message: string; params: Record<string, string | number>; path?: PropertyKey[] } {
  return { code: 'custom', message: p.message, params: { ...(p.params ?? {}), code: p.code }, ...(path ? { path } : {}) };
}
