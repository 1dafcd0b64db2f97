/**
 * A shop logo from a file, made safe to show: PNG checked by its magic bytes and header, SVG
 * rebuilt from an allowlist (elements, attributes, local `#id` references only), so no script,
 * event handler, foreignObject, stylesheet or external reference survives. The result is a data:
 * URL (the CSP allows img-src data:), shown in an <img>, where SVG would not run scripts anyway:
 * the allowlist is the first layer, not the only one.
 */
import { AppFailure } from '../../shared/result';

/** Large enough for a crisp header logo, small enough to sit in the settings row and the KB export. */
export const LOGO_MAX_BYTES = 256 * 1024;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const refuse = (message: string): never => {
  throw new AppFailure('invalid_input', message, { details: [{ path: 'file', message }] });
};

/** The logo as a data: URL, or a typed refusal saying why. */
export function logoDataUrl(fileName: string, bytes: Buffer): string {
  if (bytes.length === 0) refuse('The file is empty.');
  if (bytes.length > LOGO_MAX_BYTES) refuse(`The logo is ${Math.ceil(bytes.length / 1024)} KB; the limit is ${LOGO_MAX_BYTES / 1024} KB.`);
  if (bytes.subarray(0, 8).equals(PNG_MAGIC)) {
    // The first chunk of every PNG is IHDR (length 13): a renamed file fails here.
    if (bytes.length < 33 || bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') refuse('This PNG file is damaged.');
    return `data:image/png;base64,${bytes.toString('base64')}`;
  }
  if (/\.png$/i.test(fileName)) refuse('This file is not a PNG image (its first bytes are not a PNG signature).');
  const text = bytes.toString('utf8');
  if (!/<svg[\s>]/i.test(text)) refuse('The logo must be a PNG or SVG image.');
  return `data:image/svg+xml;base64,${Buffer.from(sanitizeSvg(text), 'utf8').toString('base64')}`;
}

// Exact SVG names (case matters in XML); lower-cased for lookup.
const ELEMENTS = new Set(
  ['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'defs', 'lineargradient', 'radialgradient', 'stop', 'title', 'desc', 'clippath', 'mask', 'symbol', 'use'],
);
const ATTRIBUTES = new Set(
  [
    'id', 'class', 'viewbox', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points', 'fill', 'fill-opacity',
    'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray',
    'opacity', 'transform', 'offset', 'stop-color', 'stop-opacity', 'gradientunits', 'gradienttransform', 'clip-path', 'clip-rule', 'mask',
    'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'preserveaspectratio', 'xmlns', 'xmlns:xlink', 'version',
    'href', 'xlink:href', 'fx', 'fy', 'dx', 'dy', 'spreadmethod', 'clippathunits', 'maskunits', 'style',
  ],
);
/** Elements dropped with everything inside them (their text must not leak out as logo text). */
const DROP_WITH_CONTENT = new Set(['script', 'style', 'foreignobject', 'iframe', 'object', 'embed', 'audio', 'video', 'image', 'a', 'animate', 'set', 'animatetransform', 'animatemotion', 'handler', 'listener']);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    const v = NAMED[e.toLowerCase()];
    if (v === undefined) refuse(`The SVG uses an entity the logo cannot keep (${m}).`);
    return v ?? '';
  });
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** A value that could reach outside the file or run something: any url() but url(#id), javascript:, expression(), @import. */
function unsafeValue(name: string, value: string): boolean {
  // Whitespace and control characters are ignored by URL parsers ("java\tscript:"), so they are ignored here too.
  const v = value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
  if (name === 'href' || name === 'xlink:href') return !/^#[\w.-]+$/.test(value.trim());
  if (/url\((?!['"]?#[\w.-]+['"]?\))/.test(v)) return true;
  return /javascript:|data:|expression\(|@import|behavior:|-moz-binding/.test(v);
}

/** The SVG rebuilt from its allowed parts (throws a typed refusal for a DTD or a file that is not one <svg>). */
export function sanitizeSvg(source: string): string {
  // A DOCTYPE can declare entities (billion laughs, external entities): refused, never expanded.
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) refuse('The SVG declares a DOCTYPE or entities; save it without them.');
  const out: string[] = [];
  const open: string[] = [];
  let dropDepth = 0; // > 0 while inside an element dropped with its content
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<\/\s*([^\s>]+)\s*>|<([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)|</g;
  let sawRoot = false;
  for (let m = token.exec(source); m; m = token.exec(source)) {
    const [whole, cdata, closeName, openName, attrText, selfClose, text] = m;
    if (whole.startsWith('<!--') || whole.startsWith('<?')) continue;
    if (cdata !== undefined || text !== undefined) {
      if (dropDepth === 0 && open.length > 0) out.push(escapeText(cdata ?? decodeEntities(text ?? '')));
      continue;
    }
    if (whole === '<') continue; // a stray "<" is not markup
    if (closeName !== undefined) {
      if (dropDepth > 0) {
        dropDepth--;
        continue;
      }
      const top = open.pop();
      if (top !== undefined) out.push(`</${top}>`);
      continue;
    }
    if (openName === undefined) continue;
    const name = localName(openName);
    const selfClosing = selfClose === '/';
    // Anything not allowed (script, foreignObject, metadata, an editor's own elements…) goes with its content.
    if (dropDepth > 0 || DROP_WITH_CONTENT.has(name) || !ELEMENTS.has(name)) {
      if (!selfClosing) dropDepth++;
      continue;
    }
    if (!sawRoot && name !== 'svg') refuse('The file does not start with an <svg> element.');
    sawRoot = true;
    const tag = canonical(name);
    out.push(`<${tag}${cleanAttributes(attrText ?? '')}${selfClosing ? '/>' : '>'}`);
    if (!selfClosing) open.push(tag);
  }
  while (open.length > 0) out.push(`</${open.pop() ?? ''}>`);
  if (!sawRoot) refuse('The file has no <svg> element.');
  return out.join('');
}

/** `svg:path` → "path"; names are compared lower-cased. */
function localName(raw: string): string {
  const n = raw.toLowerCase();
  const i = n.indexOf(':');
  return i >= 0 && !n.startsWith('xlink:') ? n.slice(i + 1) : n;
}

const CANONICAL: Record<string, string> = { lineargradient: 'linearGradient', radialgradient: 'radialGradient', clippath: 'clipPath' };
const canonical = (n: string) => CANONICAL[n] ?? n;
const CANONICAL_ATTR: Record<string, string> = {
  viewbox: 'viewBox', gradientunits: 'gradientUnits', gradienttransform: 'gradientTransform', preserveaspectratio: 'preserveAspectRatio',
  spreadmethod: 'spreadMethod', clippathunits: 'clipPathUnits', maskunits: 'maskUnits',
};

function cleanAttributes(text: string): string {
  const kept: string[] = [];
  const seen = new Set<string>();
  const attr = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
  for (let m = attr.exec(text); m; m = attr.exec(text)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!ATTRIBUTES.has(name) || seen.has(name)) continue; // on*, xml:base, requiredExtensions… all dropped
    const raw = m[2] ?? '';
    const value = decodeEntities(raw.startsWith('"') || raw.startsWith("'") ? raw.slice(1, -1) : raw);
    if (name === 'xmlns' && value !== 'http://www.w3.org/2000/svg') continue;
    if (name === 'xmlns:xlink' && value !== 'http://www.w3.org/1999/xlink') continue;
    if (name !== 'xmlns' && name !== 'xmlns:xlink' && unsafeValue(name, value)) continue;
    seen.add(name);
    kept.push(` ${CANONICAL_ATTR[name] ?? name}="${escapeAttr(value)}"`);
  }
  return kept.join('');
}
