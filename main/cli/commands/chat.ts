/**
 * `hushdesk chat [--kb FILE] [--lang CODE] [--data-dir DIR] [--no-save]`: a terminal chat with the same
 * engine and dialogue manager. --lang starts the conversation in one of the KB's languages (as the
 * welcome screen's choice does); each message is then answered in the language it is written in. Reads one message per line (piped stdin or a TTY) and prints one reply line per
 * message. With --no-save nothing touches the disk at all (no store, no model cache); otherwise the
 * conversation is saved in the encrypted store like the app's (running the command is the consent).
 */
import { readFileSync } from 'node:fs';
import { languageDir, readCachedModel, SHIPPED_MODEL_DIR } from '../../engine/cache';
import { createInterface } from 'node:readline';
import { createBackend, type Backend } from '../../backend';
import { createMultilingualDialogue, DEFAULT_FACTS, kbForLanguage, kbLanguages, loadDefaultKnowledgeBase, loadKnowledgeBase, trainModel, type DialogueState, type KnowledgeBase, type Model } from '../../engine';
import type { BotMessage, ChatReply, ChatStart } from '../../../shared/domain';
import { isoDate } from '../../../shared/opening-hours';
import { AppFailure, type Result } from '../../../shared/result';
import { flag, option, parseArgs } from '../args';
import { EXIT, type CliCommand, type CliIo } from '../command';
import { readPassphrase, resolveDataDir, STORE_OPTIONS } from '../store-access';

/** One line per reply: the bot's messages, then any choices it offers. */
export function replyLine(messages: BotMessage[]): string {
  return messages
    .map((m) => {
      const extras: string[] = [];
      if (m.suggestions.length) extras.push(`[did you mean: ${m.suggestions.map((s) => s.label).join(' | ')}]`);
      if (m.quickReplies.length) extras.push(`[${m.quickReplies.join(' | ')}]`);
      return [m.text.replace(/\s*\n\s*/g, ' '), ...extras].join(' ');
    })
    .join(' ');
}

/** `{ reply, intent, confidence }`: the reply text (several messages joined by a newline), the first message's intent (null when out of scope) and confidence. */
export function jsonLine(messages: BotMessage[]): string {
  const first = messages[0];
  return JSON.stringify({ reply: messages.map((m) => m.text).join('\n'), intent: first?.intent ?? null, confidence: Math.round((first?.confidence ?? 0) * 1000) / 1000 });
}

function unwrapResult<T>(r: Result<unknown>): T {
  if (!r.ok) throw new AppFailure(r.error.code, r.error.message);
  return r.value as T;
}

async function* lines(io: CliIo): AsyncGenerator<string> {
  const rl = createInterface({ input: io.stdin, terminal: false });
  if (io.stdinIsTty) io.stdout('> ');
  for await (const line of rl) {
    yield line;
    if (io.stdinIsTty) io.stdout('> ');
  }
}

export const chatCommand: CliCommand = {
  name: 'chat',
  usage: 'chat [--kb FILE] [--lang CODE] [--data-dir DIR] [--no-save] [--json]',
  summary: 'chat with the bot in the terminal (one message per line)',
  async run(argv, io) {
    const args = parseArgs(argv, { flags: ['no-save', 'json'], options: ['kb', 'lang', ...STORE_OPTIONS] });
    const json = flag(args, 'json');
    const lang = option(args, 'lang');
    if (lang !== undefined && !/^[a-z]{2}$/.test(lang)) throw new AppFailure('invalid_input', '--lang takes a two-letter language code, e.g. --lang es');
    // --json: one object per customer message (no welcome line), for scripts and tests.
    const out = (messages: BotMessage[]): void => io.stdout(`${json ? jsonLine(messages) : replyLine(messages)}\n`);
    const kbFile = option(args, 'kb');
    const kbText = kbFile === undefined ? undefined : readKb(kbFile);

    if (flag(args, 'no-save')) {
      const kb = kbText === undefined || kbFile === undefined ? loadDefaultKnowledgeBase() : loadKnowledgeBase(kbText, kbFile);
      const language = startLanguage(kb, lang);
      // The shipped default models when they match (read-only: nothing is written), else trained here.
      const models: Record<string, Model> = {};
      for (const l of kbLanguages(kb)) {
        const view = kbForLanguage(kb, l);
        models[l] = readCachedModel(view, languageDir(SHIPPED_MODEL_DIR, kb, l)) ?? trainModel(view);
      }
      const dialogue = createMultilingualDialogue(kb, models);
      const facts = { ...DEFAULT_FACTS, saveMode: 'not saved (it lives only in memory and disappears when you finish)' };
      // Other languages take the dialogue's own defaults in that language (languages.ts).
      const factsIn = (l: string): Record<string, string> => (l === 'en' ? facts : l === 'es' ? { saveMode: 'sin guardar (solo está en la memoria y desaparece al terminar)' } : {});
      if (!json) out([dialogue.welcomeIn(factsIn(language), language)]);
      let state: DialogueState | null = null;
      let current = language;
      for await (const line of lines(io)) {
        if (!line.trim()) continue;
        // Relative dates ("tomorrow", "mañana") from this machine's calendar day; no store, so no shop region.
        const turn = dialogue.respondIn(state, line, factsIn, current, { today: isoDate(new Date()) });
        state = turn.state;
        current = turn.language;
        out(turn.messages);
      }
      return EXIT.ok;
    }

    const dataDir = resolveDataDir(args, io);
    const passphrase = await readPassphrase(io, dataDir);
    const backend: Backend = await createBackend({
      dataDir,
      host: 'node',
      passphrase,
      ...(kbText !== undefined && kbFile !== undefined ? { knowledgeBase: { fileName: kbFile, content: kbText } } : {}),
    });
    try {
      let start = unwrapResult<ChatStart>(await backend.handle('chat.start', lang === 'en' || lang === 'es' ? { locale: lang } : {}));
      if (start.consentRequired) start = unwrapResult<ChatStart>(await backend.handle('chat.consent', { conversationId: start.conversationId, choice: 'save' }));
      if (!json) out([start.welcome]);
      for await (const line of lines(io)) {
        if (!line.trim()) continue;
        const reply = unwrapResult<ChatReply>(await backend.handle('chat.send', { conversationId: start.conversationId, text: line.slice(0, 4000) }));
        out(reply.replies);
      }
      unwrapResult(await backend.handle('chat.end', { conversationId: start.conversationId }));
    } finally {
      await backend.close();
    }
    return EXIT.ok;
  },
};

/** The conversation's first language: --lang when the KB speaks it, else the KB's default (an error names the choices). */
function startLanguage(kb: KnowledgeBase, lang: string | undefined): string {
  if (lang === undefined) return kb.settings.language;
  if (!kbLanguages(kb).includes(lang)) throw new AppFailure('invalid_input', `--lang ${lang}: the knowledge base answers in ${kbLanguages(kb).join(', ')}`);
  return lang;
}

function readKb(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppFailure('not_found', `cannot read knowledge base ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
