import { redact } from '../main/privacy/redact';
let seed = 7;
const rand = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
// replicate the test's random sequence (hostile inputs consumed rand first)
for (let i = 0; i < 200000; i++) rand();
const secrets = ['4111 1111 1111 1111', 'jane.doe@example.com', '+44 20 7946 0018', 'DE89370400440532013000', '536-22-1987', '203.0.113.195'];
const filler = ['hello', 'order 4839201', '$1,299.99', '2024-05-12', '🙂', 'KD-55X80K', '\u0000', 'שלום', ',', '\n'];
const parts: string[] = [];
for (let i = 0; i < 3000; i++) parts.push(rand() < 0.2 ? secrets[Math.floor(rand() * secrets.length)]! : filler[Math.floor(rand() * filler.length)]!);
const text = parts.join(' ');
const r = redact(text);
let idx = r.text.indexOf('4111 1111 1111 1111');
while (idx >= 0) { console.log(JSON.stringify(r.text.slice(idx - 60, idx + 60))); idx = r.text.indexOf('4111 1111 1111 1111', idx + 1); }
for (const s of secrets) if (r.text.includes(s)) console.log('LEAK', s);
