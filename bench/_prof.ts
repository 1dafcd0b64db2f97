import { detectCards } from '../main/privacy/redact/cards';
import { detectPhones } from '../main/privacy/redact/phone';
import { detectIps } from '../main/privacy/redact/ip';
import { detectSsns } from '../main/privacy/redact/ssn';
import { detectIbans } from '../main/privacy/redact/iban';
const N = 100_000;
const inputs: Record<string, string> = { digits: '1'.repeat(N), digitsSp: '12 '.repeat(N / 3), paren: '(1'.repeat(N / 2), dashes: '1-'.repeat(N / 2), ipish: '1.1.1.1.'.repeat(N / 8), ssnish: '123-45-6789-'.repeat(N / 12), rtl: 'مرحبا 4111 1111 1111 1111 שלום '.repeat(N / 32) };
const dets = { cards: (t: string) => detectCards(t), phones: (t: string) => detectPhones(t, 'US'), ips: detectIps, ssn: detectSsns, iban: detectIbans };
for (const [k, v] of Object.entries(inputs)) {
  const row = [k.padEnd(9)];
  for (const [d, f] of Object.entries(dets)) { const t = performance.now(); f(v); row.push(`${d}=${(performance.now() - t).toFixed(0)}`); }
  console.log(row.join(' '));
}
