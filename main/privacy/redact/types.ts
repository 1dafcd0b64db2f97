/**
 * Types of the PII redactor. Kept free of node/electron imports so the renderer could show findings.
 */

/** Kinds of personal data the redactor recognises; 'custom' covers every business-defined pattern. */
export const PII_TYPES = ['email', 'phone', 'card', 'iban', 'ssn', 'ip', 'name', 'address', 'postcode', 'dob', 'custom'] as const;
export type PiiType = (typeof PII_TYPES)[number];

/** A business-defined pattern (for example a loyalty-card number). */
export interface CustomPatternSpec {
  /** Short label; becomes the placeholder `[<name>]` unless `placeholder` is given. */
  name: string;
  /** Regular-expression source (no slashes, no flags). Must not be able to match the empty string. */
  pattern: string;
  /** Text stored instead of the match; defaults to `[<name>]`. */
  placeholder?: string;
}

export interface RedactionOptions {
  /** ISO 3166 alpha-2 region of the store; the default country for national phone formats. */
  region?: string;
  custom?: CustomPatternSpec[];
  /** Types to detect; all of them when omitted. */
  types?: PiiType[];
  /**
   * The shop's other countries (ISO alpha-2), tried after `region` for national phone formats.
   * Numbers in international form are read in any plan whatever this says.
   */
  countries?: string[];
  /**
   * Words and phrases that are never personal data: knowledge-base entity values and synonyms, the
   * shop's own names and address, brands, the owner's never-a-name list. Case-insensitive.
   */
  allow?: string[];
}

/** One redacted span of the ORIGINAL text (UTF-16 offsets, end exclusive). */
export interface Finding {
  type: PiiType;
  start: number;
  end: number;
  placeholder: string;
  /** For 'custom' findings: the name of the pattern that matched. */
  name?: string;
}

export interface RedactionResult {
  text: string;
  findings: Finding[];
}

/** A detector's raw hit before overlap resolution. */
export interface Candidate {
  type: PiiType;
  start: number;
  end: number;
  placeholder: string;
  name?: string;
}
