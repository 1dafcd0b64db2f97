import { describe, expect, it } from 'vitest';
import { LOGO_MAX_BYTES, logoDataUrl, sanitizeSvg } from '../../main/branding/logo';
import { isAppFailure } from '../../shared/result';

const svgOf = (url: string) => Buffer.from(url.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isAppFailure(e)) return `${e.error.code}: ${e.error.message}`;
    throw e;
  }
  throw new Error('not refused');
};
// A valid 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('logo import', () => {
  it('keeps a plain SVG drawing', () => {
    const out = sanitizeSvg('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Shop</title><g fill="#c00"><circle cx="5" cy="5" r="4"/></g><linearGradient id="a"><stop offset="0" stop-color="#fff"/></linearGradient><rect fill="url(#a)" width="2" height="2"/></svg>');
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Shop</title><g fill="#c00"><circle cx="5" cy="5" r="4"/></g><linearGradient id="a"><stop offset="0" stop-color="#fff"/></linearGradient><rect fill="url(#a)" width="2" height="2"/></svg>');
  });

  const hostile: [string, string][] = [
    ['script element', '<svg><script>alert(1)</script><rect width="1"/></svg>'],
    ['CDATA script', '<svg><script><![CDATA[ fetch("http://x") ]]></script></svg>'],
    ['namespaced script', '<svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>'],
    ['event attribute', '<svg onload="alert(1)"><rect onclick=alert(1) ONMOUSEOVER="x" width="1"/></svg>'],
    ['foreignObject', '<svg><foreignObject><iframe src="http://evil"></iframe><body onload="x"/></foreignObject></svg>'],
    ['external href', '<svg><use href="http://evil/x.svg#a"/><use xlink:href="https://evil/x#b"/></svg>'],
    ['javascript href', '<svg><a href="javascript:alert(1)"><text>x</text></a><use href="jav&#x61;script:alert(1)"/></svg>'],
    ['external image', '<svg><image href="http://evil/track.png"/></svg>'],
    ['url() in attribute', '<svg><rect fill="url(http://evil/x)" style="background:url( \'//evil\' )"/></svg>'],
    ['style element with import', '<svg><style>@import url(http://evil/a.css); rect{fill:url(http://evil)}</style></svg>'],
    ['entity-encoded url', '<svg><rect fill="u&#114;l(http://evil)"/></svg>'],
    ['animate that sets href', '<svg><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onload" to="alert(1)"/></svg>'],
    ['data: inside style', '<svg><rect style="fill:url(data:image/svg+xml,evil)"/></svg>'],
  ];
  for (const [what, svg] of hostile) {
    it(`strips ${what}`, () => {
      const out = sanitizeSvg(svg);
      expect(out.startsWith('<svg')).toBe(true);
      expect(out).not.toMatch(/script|onload|onclick|onmouseover|foreignobject|iframe|evil|javascript|@import|<image|<animate|<set|<style|data:/i);
    });
  }

  it('refuses DTDs and entity declarations (never expanded)', () => {
    expect(refusal(() => sanitizeSvg('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'))).toMatch(/^invalid_input: .*DOCTYPE/);
    expect(refusal(() => sanitizeSvg('<svg><text>&nbsp;</text></svg>'))).toMatch(/entity/);
    expect(refusal(() => sanitizeSvg('<html><svg/></html>'))).toMatch(/<svg>/);
  });

  it('checks PNG by its magic bytes, not by its name, and caps the size', () => {
    expect(logoDataUrl('logo.png', PNG)).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(logoDataUrl('logo.bin', PNG).startsWith('data:image/png;base64,')).toBe(true);
    expect(refusal(() => logoDataUrl('logo.png', Buffer.from('<svg onload="x"/>')))).toMatch(/not a PNG/);
    expect(refusal(() => logoDataUrl('logo.png', Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(40)])))).toMatch(/damaged/);
    expect(refusal(() => logoDataUrl('logo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])))).toMatch(/PNG or SVG/);
    expect(refusal(() => logoDataUrl('big.png', Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)])))).toMatch(/limit is 256 KB/);
    expect(refusal(() => logoDataUrl('empty.svg', Buffer.alloc(0)))).toMatch(/empty/);
  });

  it('an SVG file comes back sanitised inside a data: URL', () => {
    const url = logoDataUrl('logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>x()</script><circle r="3"/></svg>'));
    expect(svgOf(url)).toBe('<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/></svg>');
  });
});
