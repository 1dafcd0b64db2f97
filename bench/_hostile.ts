import { redact } from '../main/privacy/redact';
const N = 100_000;
const rnd = (() => { let a = 1; return () => { a = (a * 1103515245 + 12345) % 2147483648; return a / 2147483648; }; })();
const hostile: Record<string, string> = {
  digits: '1'.repeat(N),
  digitsSp: '12 '.repeat(N / 3),
  paren: '(1'.repeat(N / 2),
  dashes: '1-'.repeat(N / 2),
  ats: '@'.repeat(N),
  aat: 'a@'.repeat(N / 2),
  emailish: ('a'.repeat(60) + '@' + 'b.'.repeat(100)).repeat(300),
  dots: '.'.repeat(N),
  colons: ':'.repeat(N),
  hexcolon: 'a:'.repeat(N / 2),
  ibanish: 'DE89 '.repeat(N / 5),
  binary: Array.from({ length: N }, () => String.fromCharCode(Math.floor(rnd() * 65536))).join(''),
  control: Array.from({ length: N }, () => String.fromCharCode(Math.floor(rnd() * 32))).join(''),
  emoji: '😀🙏🏽👨‍👩‍👧'.repeat(N / 12),
  rtl: 'مرحبا 4111 1111 1111 1111 שלום '.repeat(N / 32),
  mixed: 'Call (212) 736-4821, mail a.b@c.com, card 4111 1111 1111 1111, IBAN DE89370400440532013000, ip 10.0.0.1. '.repeat(N / 100),
  plus: '+'.repeat(N),
  ssnish: '123-45-6789-'.repeat(N / 12),
  ipish: '1.1.1.1.'.repeat(N / 8),
  lone: '\uD800'.repeat(N),
};
for (const [k, v] of Object.entries(hostile)) {
  const t = performance.now();
  const r = redact(v);
  console.log(k.padEnd(10), v.length, r.findings.length, (performance.now() - t).toFixed(0) + 'ms');
}
