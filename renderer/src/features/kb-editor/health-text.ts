/** An intent's health mark in the intents list, in words (its own module so a unit test reads it). */
import type { IntentHealth } from '../../../../shared/kb-editor';
import type { KbText } from './text';

/** Only what is wrong is said: "0 below the threshold" said nothing and read like a problem. */
export function healthText(tk: KbText, h: IntentHealth | undefined): { text: string; ok: boolean } {
  if (!h || h.tests === 0) return { text: tk('health.none'), ok: true };
  if (h.passed === h.tests) return { text: tk('health.ok', { n: h.tests }), ok: true };
  const parts = [tk('health.bad', { passed: h.passed, n: h.tests })];
  if (h.belowThreshold > 0) parts.push(tk('health.below', { below: h.belowThreshold }));
  if (h.confusedWith) parts.push(tk('health.confused', { intent: h.confusedWith }));
  return { text: parts.join('; '), ok: false };
}
