/**
 * The renderer offers the shop's country from shared/phone-regions.ts without bundling
 * libphonenumber; the backend's redactor accepts exactly libphonenumber's regions. The two lists
 * must stay the same, or the settings page would offer a country the backend refuses (or hide one
 * it reads).
 */
import { getCountries } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { PHONE_REGIONS } from '../../shared/phone-regions';
import { createRedactor } from '../../main/privacy/redact';

describe('the shop countries the settings offer', () => {
  it("are libphonenumber's regions, each one a region the redactor accepts", () => {
    expect([...PHONE_REGIONS].sort()).toEqual([...getCountries()].sort());
    for (const region of PHONE_REGIONS) expect(() => createRedactor({ region }), region).not.toThrow();
  });

  it('read a national number the way the chosen country writes it, and only then mask it without a cue word', () => {
    const message = 'it is 07911 123456 ok';
    expect(createRedactor({ region: 'US' })(message).text).toBe(message);
    expect(createRedactor({ region: 'GB' })(message).text).toBe('it is [phone] ok');
  });
});
