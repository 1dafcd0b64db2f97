/**
 * The app's redactor under the owner's settings and the knowledge base in use (issue 12 item 6):
 * the detectors that are on, the store region then the shop's countries for phones, and an
 * allow-list of the knowledge base's own words (its name, entities, streets and postcodes in its
 * replies) plus the owner's never-a-name words. The allow-list is compiled once per knowledge base
 * and settings, not per message: a knowledge base can name thousands of entity values.
 */
import { PII_DETECTORS, type PiiDetector, type Settings } from '../../shared/domain';
import { createRedactor, knowledgeBaseAllowList, type KbAllowSource, type PiiType, type Redactor } from './redact';

/** What the redactor needs from the settings. */
export type RedactionSettings = Pick<Settings, 'storeRegion' | 'customPiiPatterns' | 'piiOff' | 'shopCountries' | 'neverNames'>;

/** A knowledge base and the hash that changes whenever its content does. */
export type AllowSource = KbAllowSource & { hash: string };

// Every detector an owner can turn off is one the redactor has, and every redactor type but the
// shop's own patterns can be turned off: a compile error on one of these two lines when the lists drift.
export const DETECTORS_ARE_TYPES: readonly PiiType[] = PII_DETECTORS;
const everyTypeCovered: [Exclude<PiiType, PiiDetector | 'custom'>] extends [never] ? true : false = true;
void everyTypeCovered;

/** The redactor types that run under these settings ('custom' whenever the shop has patterns). */
export function activeTypes(s: Pick<Settings, 'piiOff' | 'customPiiPatterns'>): PiiType[] {
  const off = new Set<string>(s.piiOff);
  // In the detectors' order (what customers type most first): the panel and the bot list them so.
  const on: PiiType[] = PII_DETECTORS.filter((t) => !off.has(t));
  return s.customPiiPatterns.length > 0 ? [...on, 'custom'] : on;
}

export interface AppRedactor {
  /** Masks `text` with the detectors the owner left on. */
  redact(text: string): string;
  /** Masks `text` with every detector whatever the owner turned off (missed questions outlive their conversation). */
  redactAll(text: string): string;
  /** As redact(), with how many of each type were masked (for the audit report: counts, never the values). */
  redactCounted(text: string): { text: string; counts: Record<string, number> };
}

/** How many findings of each type (a type with none is absent). */
export function countFindings(findings: readonly { type: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.type] = (out[f.type] ?? 0) + 1;
  return out;
}

export function createAppRedactor(settings: () => RedactionSettings, knowledgeBase: () => AllowSource): AppRedactor {
  let kbHash: string | null = null;
  let kbAllow: string[] = [];
  let key: string | null = null;
  let compiled: { some: Redactor; all: Redactor } | null = null;

  function current(): { some: Redactor; all: Redactor } {
    const s = settings();
    const kb = knowledgeBase();
    if (kb.hash !== kbHash) {
      kbAllow = knowledgeBaseAllowList(kb);
      kbHash = kb.hash;
      key = null;
    }
    // The settings' part of the key is small (a few codes and the owner's words), unlike the KB's.
    const k = JSON.stringify([kbHash, s.storeRegion, s.customPiiPatterns, s.piiOff, s.shopCountries, s.neverNames]);
    if (k !== key || !compiled) {
      const common = { region: s.storeRegion, custom: s.customPiiPatterns, countries: s.shopCountries, allow: [...kbAllow, ...s.neverNames] };
      compiled = { some: createRedactor({ ...common, types: activeTypes(s) }), all: createRedactor(common) };
      key = k;
    }
    return compiled;
  }

  return {
    redact: (text) => current().some(text).text,
    redactAll: (text) => current().all(text).text,
    redactCounted: (text) => {
      const r = current().some(text);
      return { text: r.text, counts: countFindings(r.findings) };
    },
  };
}
