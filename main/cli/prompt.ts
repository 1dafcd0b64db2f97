/** Terminal prompts for the CLI (passphrases without echo, confirmations). */
import { AppFailure } from '../../shared/result';
import type { CliIo } from './command';

/** Reads one line from a TTY; `hidden` turns echo off (raw mode) for passphrases. */
export function promptLine(io: CliIo, prompt: string, hidden: boolean): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  return new Promise((resolve, reject) => {
    io.stderr(prompt);
    const raw = hidden && typeof stdin.setRawMode === 'function';
    if (raw) stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const done = (e: AppFailure | null): void => {
      stdin.removeListener('data', onData);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      if (hidden) io.stderr('\n');
      if (e) reject(e);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(null);
        if (ch === '\u0003') return done(new AppFailure('invalid_input', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
