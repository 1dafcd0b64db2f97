/**
 * The knowledge base's part of the redactor's allow-list (issue 12): the shop's own name, its list
 * entities' values and synonyms ("macbook", "fridge freezer"), and every street and postcode written
 * in its replies ("You'll find us at 12 Market Street, ... RS1 4HD"): the shop's own address is not
 * a customer's personal data. Structural input type, so the engine's types stay where they are.
 */
import { detectPostcodes, detectStreets } from './address';

export interface KbAllowSource {
  name: string;
  entities: readonly ({ kind: 'list'; values: readonly { value: string; synonyms: readonly string[] }[] } | { kind: string })[];
  intents: readonly { responses: readonly string[] }[];
  settings?: { welcome?: string | undefined; handoffReply?: string; fallbackReplies?: readonly string[] };
}

export function knowledgeBaseAllowList(kb: KbAllowSource): string[] {
  const out = new Set<string>();
  // The shop's name both whole and word by word ("Riverside", "Electricals").
  out.add(kb.name);
  for (const w of kb.name.split(/[^\p{L}\p{N}'’-]+/u)) if (w.length >= 3) out.add(w);
  for (const e of kb.entities) {
    if (e.kind !== 'list' || !('values' in e)) continue;
    for (const v of e.values) {
      out.add(v.value);
      for (const s of v.synonyms) out.add(s);
    }
  }
  const texts = [...kb.intents.flatMap((i) => i.responses), kb.settings?.welcome ?? '', kb.settings?.handoffReply ?? '', ...(kb.settings?.fallbackReplies ?? [])];
  for (const t of texts) {
    const streets = detectStreets(t);
    for (const s of streets) out.add(t.slice(s.start, s.end));
    for (const p of detectPostcodes(t, { streetEnds: streets.map((s) => s.end) })) out.add(t.slice(p.start, p.end));
    // Proper nouns the shop uses for itself ("Riverside Rewards", "Riverside Retail Park").
    for (const m of t.matchAll(/\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)+/gu)) out.add(m[0]);
  }
  return [...out].filter((s) => s.trim().length > 0);
}
