/** PII redaction before storage (issue 7, item 2). */
export { redact, createRedactor, createPreviousRedactor, applyPlaceholders, MAX_REDACT_INPUT, MAX_PHONE_COUNTRIES, DEFAULT_REGION, type Redactor } from './redactor';
export { foldText, unfoldSpan, type Folded } from './fold';
export { knowledgeBaseAllowList, type KbAllowSource } from './allow';
export { BRANDS } from './brands';
export { isListedName } from './names';
export { scorePii, type PiiCase, type PiiScore, type TypeScore, type ScoreMiss } from './score';
export { luhnValid, cardBrand, isCardNumber, type CardBrand } from './cards';
export { mod97Valid, isIban, IBAN_LENGTHS } from './iban';
export { isIPv4, isIPv6 } from './ip';
export { ssnDigitsValid } from './ssn';
export { compileCustomPatterns, MAX_CUSTOM_PATTERNS, type CompiledCustomPattern } from './custom';
export {
  PII_TYPES,
  type PiiType,
  type Finding,
  type RedactionOptions,
  type RedactionResult,
  type CustomPatternSpec,
} from './types';
