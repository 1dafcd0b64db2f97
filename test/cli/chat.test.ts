import { writeFileSync } from 'node:fs';
import path from 'node:path';
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

  it('--lang es: welcomes in Spanish, answers Spanish in Spanish and English in English; kb check reports per language', () => {
    const dir = tempDir('hushdesk-cli-chat-');
    const r = hushdesk(['chat', '--no-save', '--lang', 'es', '--data-dir', dir], '¿a qué hora cerráis el sábado?\nq pasa con mi pedido\nHD-482913\nwhat time do you close on sunday\n¿qué datos guardáis sobre mí?\n');
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n');
    expect(out).toHaveLength(6);
    expect(out[0]).toContain('Riverside Electricals');
    expect(out[0]).toContain('¡Hola!');
    expect(out[1]).toContain('de lunes a sábado');
    expect(out[2]).toContain('número de pedido');
    expect(out[3]).toContain('Pedido HD-482913');
    expect(out[4]).toContain('Sunday');
    // Back in Spanish; the privacy answer's facts in Spanish too (nothing stored: --no-save).
    expect(out[5]).toContain('Nunca se envía nada a un servidor ni a internet.');
    expect(out[5]).toContain('Esta conversación está sin guardar');
    expect(fileCount(dir)).toBe(0);
    expect(hushdesk(['chat', '--no-save', '--lang', 'fr', '--data-dir', dir], 'hola\n').stderr).toContain('answers in en, es');

    // A small two-language KB with one intent left untranslated.
    const kbFile = path.join(dir, '..', `kb-es-${process.pid}.json`);
    writeFileSync(kbFile, JSON.stringify(twoLanguageKb()));
    const check = hushdesk(['kb', 'check', kbFile], '');
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('languages en, es');
    expect(check.stdout).toContain('[en] (default)');
    expect(check.stdout).toMatch(/\[es\]\ntrained in \d+ ms; threshold [\d.]+ \(set in the file\)\nin-scope tests: [\d.]+% of 6 answered/);
    expect(check.stdout).toContain('warnings (1):\n  $.languages.es.intents.lost: not translated into "es": the bot answers it in "en" and says so');
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

function twoLanguageKb(): unknown {
  const intent = (id: string, title: string, examples: string[], tests: string[], answer: string) => ({ id, title, examples, tests, responses: [answer] });
  return {
    schemaVersion: 2,
    name: 'Two languages',
    version: '1',
    settings: { language: 'en', fallbackReplies: ['Sorry?'], handoffReply: 'Ask at the desk.', confidenceThreshold: 0.3 },
    intents: [
      intent('hours', 'Opening hours', ['opening hours', 'when do you open', 'what time do you close', 'are you open on sunday'], ['when do you close'], 'We open 9 to 5.'),
      intent('wifi', 'Wi-Fi', ['do you have wifi', 'wifi password', 'can i use the internet here', 'is there free wifi'], ['whats the wifi code'], 'Join Shop-Guest.'),
      intent('lost', 'Lost card', ['i lost my card', 'lost card', 'my card is lost', 'what if i lose my card'], ['lost my card'], 'Ask at the desk.'),
    ],
    languages: {
      es: {
        settings: { fallbackReplies: ['¿Perdona?'], handoffReply: 'Pregunta en el mostrador.' },
        intents: {
          hours: { title: 'Horario', examples: ['horario', '¿a qué hora abrís?', '¿a qué hora cerráis?', '¿abrís el domingo?'], tests: ['a q hora cerrais', 'abris los domingos', 'horario de hoy'], responses: ['Abrimos de 9 a 17.'] },
          wifi: { title: 'Wifi', examples: ['¿tenéis wifi?', 'contraseña del wifi', '¿puedo usar internet aquí?', '¿hay wifi gratis?'], tests: ['cual es la clave dl wifi', 'hay wifi', 'teneis internet'], responses: ['Conéctate a Shop-Guest.'] },
        },
      },
    },
  };
}
