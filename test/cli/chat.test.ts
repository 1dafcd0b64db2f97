import { runHushdesk } from '../support/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir } from '../store/helpers';
import { fileCount } from '../support/canary';

afterAll(cleanupTempDirs);


function hushdesk(args: string[], input: string, env: Record<string, string> = {}) {
  return runHushdesk(args, {
    input,
    env: { ...process.env, HUSHDESK_PASSPHRASE: '', ...env },
    timeout: 60_000,
  });
}

describe('hushdesk chat', () => {
  it('--no-save: one reply line per piped message, slot filling included, nothing written', () => {
    const dir = tempDir('hushdesk-cli-chat-');
    const r = hushdesk(['chat', '--no-save', '--data-dir', dir], 'what time do you open on sunday\nwhere is my order\nHD-482913\n');
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n');
    expect(out).toHaveLength(4); // welcome + three replies
    expect(out[1]?.toLowerCase()).toContain('sunday');
    expect(out[3]).toContain('HD-482913');
    expect(fileCount(dir)).toBe(0);
  });

  it('saves the conversation in the encrypted store when not --no-save', () => {
    const dir = tempDir('hushdesk-cli-chat-');
    const env = { HUSHDESK_PASSPHRASE: 'correct horse battery staple' };
    const r = hushdesk(['chat', '--data-dir', dir], 'do you price match\n', env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    const stats = hushdesk(['stats', '--data-dir', dir, '--json'], '', env);
    expect(stats.status, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ counts: { conversations: 1, messages: 2 } });
  });

  it('without a passphrase and without a TTY exits 2 with one line', () => {
    const dir = tempDir('hushdesk-cli-chat-');
    const r = hushdesk(['chat', '--data-dir', dir], 'hello\n');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
