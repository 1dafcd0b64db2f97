/**
 * The one Content-Security-Policy for the renderer. Electron's app:// protocol sends it on every
 * response; the preview host sends the same policy, only letting the page reach its own origin
 * (the loopback bridge) because it has no preload. No unsafe-eval, no remote origins anywhere.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
  'object-src': "'none'",
};

export function buildCsp(overrides: Readonly<Record<string, string>> = {}): string {
  const merged = { ...CSP_DIRECTIVES, ...overrides };
  return Object.entries(merged)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** The policy Electron serves with app:// responses. */
export const APP_CSP = buildCsp();
