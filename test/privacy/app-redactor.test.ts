/**
 * The app's redactor compiles the knowledge base's allow-list once per knowledge base and settings,
 * not per message, and follows a new knowledge base (its streets) and new settings at once.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultKnowledgeBase } from '../../main/engine';
import { createAppRedactor, type AllowSource, type RedactionSettings } from '../../main/privacy/app-redactor';
import { DEFAULT_SETTINGS } from '../../shared/settings-defaults';

/** A knowledge base that counts how often its entities are read (the allow-list reads them once per build). */
function counted(kb: AllowSource): { kb: AllowSource; reads: () => number } {
  let reads = 0;
  const wrapped = Object.create(kb, {
    entities: {
      get() {
        reads++;
        return kb.entities;
      },
    },
  }) as AllowSource;
  return { kb: wrapped, reads: () => reads };
}

describe('createAppRedactor', () => {
  it('builds the allow-list once per knowledge base, and again only when the knowledge base changes', () => {
    const base = loadDefaultKnowledgeBase();
    const first = counted(base);
    let kb = first.kb;
    let settings: RedactionSettings = { ...DEFAULT_SETTINGS };
    const r = createAppRedactor(() => settings, () => kb);
    for (let i = 0; i < 50; i++) expect(r.redact(`I am at 12 Market Street, my name is Zebulon Quixwell ${i}`)).toBe(`I am at 12 Market Street, my name is [name] ${i}`);
    expect(first.reads()).toBe(1);
    // New settings rebuild the redactor but not the knowledge base's list.
    settings = { ...settings, piiOff: ['name'] };
    expect(r.redact('my name is Zebulon Quixwell')).toBe('my name is Zebulon Quixwell');
    expect(first.reads()).toBe(1);
    // Another knowledge base (another hash): its own street survives, the old shop's does not.
    const moved = { ...base, hash: `${base.hash}-moved`, intents: [{ responses: ['Find us at 7 Harbour Lane.'] }] } as AllowSource;
    const second = counted(moved);
    kb = second.kb;
    expect(r.redact('is that 7 Harbour Lane or 12 Market Street?')).toBe('is that 7 Harbour Lane or [address]?');
    expect(second.reads()).toBe(1);
    // Whatever the owner turned off, redactAll masks every type (missed questions).
    expect(r.redactAll('my name is Zebulon Quixwell')).toBe('my name is [name]');
  });

  it("an owner's never-a-name word survives, and does not carry the surname after it with it", () => {
    const kb = loadDefaultKnowledgeBase();
    let settings: RedactionSettings = { ...DEFAULT_SETTINGS };
    const r = createAppRedactor(() => settings, () => kb);
    expect(r.redact('this is Aurora, the lamp')).toBe('this is [name], the lamp');
    settings = { ...settings, neverNames: ['Aurora'] };
    expect(r.redact('this is Aurora, the lamp')).toBe('this is Aurora, the lamp');
    expect(r.redact('my name is Aurora Quixwell')).toBe('my name is Aurora [name]');
    expect(r.redact('for Mrs Aurora please')).toBe('for Mrs Aurora please');
    // A stop word still ends a name after a relation cue: "Mexico" is a place here.
    expect(r.redact('call my brother in Mexico')).toBe('call my brother in Mexico');
  });
});
