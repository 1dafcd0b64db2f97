/**
 * The CLI's arguments go through Node's strict parser (issue 10 item 5): an unknown or misspelt
 * option, a value given to a flag, or a missing value exits 2 with one line naming the reason and the usage, for every command.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../main/cli/args';
import { cli } from '../data/helpers';

describe('hushdesk arguments', () => {
  it.each([
    [['stats', '--dta-dir', '/tmp/x'], /Unknown option '--dta-dir'/, /\(usage: hushdesk stats /],
    [['export', '--format', 'json', '--encrypt=yes'], /--encrypt.*does not take an argument/, /\(usage: hushdesk export /],
    [['audit', 'list', '--limit'], /--limit.*argument missing/, /\(usage: hushdesk audit /],
    [['wipe', '--scope', 'day', '--yse'], /Unknown option '--yse'/, /\(usage: hushdesk wipe /],
  ])('%j exits 2 with the reason and the usage line', async (argv, reason, usage) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(reason);
    expect(r.err).toMatch(usage);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('keeps repeated options in order, the last value as the option, flags and positionals', () => {
    const a = parseArgs(['verify', '--recipient', 'A', '--recipient=B', '--json', '--', '--not-an-option'], { flags: ['json'], options: ['recipient'] });
    expect(a.positionals).toEqual(['verify', '--not-an-option']);
    expect(a.repeated.get('recipient')).toEqual(['A', 'B']);
    expect(a.flags.get('recipient')).toBe('B');
    expect(a.flags.get('json')).toBe(true);
  });
});
