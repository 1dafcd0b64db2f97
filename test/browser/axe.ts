/**
 * axe-core in the real page. The source is injected with page.evaluate (not a <script> tag, which
 * the strict CSP would refuse). Returns only serious and critical violations, with enough detail to
 * fix them from a failing test's message.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const requireFromHere = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(requireFromHere.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

interface AxeGlobal {
  run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }>;
}

export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const all = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeGlobal }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.map(String).join(' ')} :: ${n.failureSummary ?? ''}`),
    }));
  });
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable one-line-per-problem summary for expect() messages. */
export function describeFindings(where: string, findings: AxeFinding[]): string {
  return `${where}: ${findings.length} serious/critical axe violations\n${findings.map((f) => `- ${f.id} (${f.impact}): ${f.help}\n    ${f.nodes.join('\n    ')}`).join('\n')}`;
}
