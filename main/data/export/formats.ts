/**
 * The three export formats, each a writer over the event stream of source.ts:
 *  - json: the versioned "hushdesk-export" document (docs/export-schema.json), one message per line;
 *  - csv: one row per message, RFC 4180 (CRLF, quoted when needed), UTF-8 with a BOM so spreadsheet
 *    apps read accents right, and cells that a spreadsheet would run as a formula defused;
 *  - md: a readable transcript.
 * Text is the stored text, already redacted when it was saved.
 */
import type { ExportFormat, KbInfo } from '../../../shared/domain';
import type { ConversationTail, ExportConversation, ExportMessage, ExportScope, ExportWriter } from './source';

export const EXPORT_FORMAT_NAME = 'hushdesk-export';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportHeader {
  exportedAt: number;
  scope: ExportScope;
  appVersion: string;
}

export interface Totals {
  conversations: number;
  messages: number;
  /** Whole-store exports only: the missed questions kept for teaching the bot (masked, detached, day only). */
  missed?: readonly MissedExport[];
}

/** The fields a whole-store export carries of a missed question (given the store's wider rows, writers pick these). */
export interface MissedExport {
  text: string;
  day: string;
  /** The language it was asked in (a knowledge-base language code). */
  language: string;
  reason: string;
  status: string;
}

export interface FormatWriter extends ExportWriter {
  begin(h: ExportHeader): void;
  end(t: Totals): void;
}

type Out = { write(text: string): void };

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Text on one line with single spaces (a name or message said inside a line of a transcript). */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function scopeJson(s: ExportScope): Record<string, string | null> {
  if (s.kind === 'range') return { kind: 'range', from: iso(s.from ?? null), to: iso(s.to ?? null) };
  if (s.kind === 'conversation') return { kind: 'conversation', conversationId: s.conversationId };
  return { kind: 'all' };
}

export function jsonWriter(out: Out): FormatWriter {
  let firstConversation = true;
  let firstMessage = true;
  return {
    begin(h) {
      const head = {
        format: EXPORT_FORMAT_NAME,
        version: EXPORT_FORMAT_VERSION,
        exportedAt: iso(h.exportedAt),
        generator: { name: 'Hushdesk', version: h.appVersion },
        scope: scopeJson(h.scope),
        textRedacted: true,
      };
      // The header object is written open-ended so conversations can stream into it.
      out.write(`${JSON.stringify(head).slice(0, -1)},"conversations":[`);
    },
    conversation(c) {
      const head = {
        id: c.id,
        startedAt: iso(c.startedAt),
        endedAt: iso(c.endedAt),
        channel: c.channel,
        locale: c.locale,
        keptBy: c.keptBy,
        expiresAt: iso(c.expiresAt),
        consent: c.consent
          ? { choice: c.consent.choice, noticeVersion: c.consent.noticeVersion, at: iso(c.consent.at), withdrawnAt: iso(c.consent.withdrawnAt) }
          : null,
      };
      out.write(`${firstConversation ? '' : ','}\n${JSON.stringify(head).slice(0, -1)},"messages":[`);
      firstConversation = false;
      firstMessage = true;
    },
    message(_c, m) {
      const body = { id: m.id, role: m.role, at: iso(m.at), text: m.text, intent: m.intent, confidence: m.confidence };
      out.write(`${firstMessage ? '' : ','}\n${JSON.stringify(body)}`);
      firstMessage = false;
    },
    endConversation(_c, t) {
      out.write(`${firstMessage ? '' : '\n'}],"messageCount":${t.messageCount},"topics":${JSON.stringify(t.topics)}}`);
    },
    end(t) {
      const missed = t.missed ? `,"missedQuestions":${JSON.stringify(t.missed.map((m) => ({ text: m.text, day: m.day, language: m.language, reason: m.reason, status: m.status })))}` : '';
      out.write(`${firstConversation ? '' : '\n'}]${missed},"totals":${JSON.stringify({ conversations: t.conversations, messages: t.messages })}}\n`);
    },
  };
}

/** Cells a spreadsheet would treat as a formula start with one of these (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula guard, then RFC 4180 quoting. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'conversation_id',
  'conversation_started_at',
  'channel',
  'locale',
  'kept_by',
  'message_id',
  'role',
  'at',
  'intent',
  'confidence',
  'text',
] as const;

export function csvWriter(out: Out): FormatWriter {
  const row = (cells: (string | number | null)[]): string => `${cells.map(csvCell).join(',')}\r\n`;
  return {
    begin() {
      out.write(`\ufeff${row([...CSV_COLUMNS])}`);
    },
    conversation() {},
    message(c, m) {
      out.write(row([c.id, iso(c.startedAt), c.channel, c.locale, c.keptBy, m.id, m.role, iso(m.at), m.intent, m.confidence, m.text]));
    },
    endConversation() {},
    end() {},
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** "2025-03-01 14:05" in the machine's local time (what the shop reads). */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function utcOffset(ms: number): string {
  const off = -new Date(ms).getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `UTC${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** Escapes what Markdown would otherwise format or turn into HTML, so a message reads as typed. */
export function mdEscape(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    .split(/\r?\n/)
    .join('  \n');
}

/** The Markdown transcript's names: who the bot is (the shop), and each topic's title in a language. */
export interface MarkdownLabels {
  botName: string;
  /** The intent's title in `language` when the knowledge base has one, else its default title; an unknown id as itself. */
  topicTitle(intentId: string, language: string): string;
}

/** Labels from the live settings and knowledge base: the shop's name (branding, else the KB's name) and the KB's intent titles. */
export function markdownLabels(shopName: string, kb: Pick<KbInfo, 'name' | 'intents'>): MarkdownLabels {
  const byId = new Map(kb.intents.map((i) => [i.id, i]));
  return {
    botName: oneLine(shopName) || oneLine(kb.name) || 'Hushdesk',
    topicTitle(id, language) {
      const it = byId.get(id);
      return it ? (it.titles?.[language] ?? it.title) : id;
    },
  };
}

/** Without labels (a caller that knows no KB): the app's name and the raw intent ids. */
const PLAIN_LABELS: MarkdownLabels = { botName: 'Hushdesk', topicTitle: (id) => id };

export function markdownWriter(out: Out, labels: MarkdownLabels = PLAIN_LABELS): FormatWriter {
  const who = (m: ExportMessage): string => (m.role === 'user' ? 'Customer' : mdEscape(labels.botName));
  let lastDay = '';
  return {
    begin(h) {
      const scope =
        h.scope.kind === 'all'
          ? 'all conversations'
          : h.scope.kind === 'conversation'
            ? `conversation ${h.scope.conversationId}`
            : `conversations started ${h.scope.from !== undefined ? `from ${localTime(h.scope.from)} ` : ''}${h.scope.to !== undefined ? `until ${localTime(h.scope.to)}` : ''}`.trim();
      out.write(
        `# Hushdesk conversations\n\nExported ${localTime(h.exportedAt)} (${utcOffset(h.exportedAt)}) · ${scope}.\n` +
          `Times are local (${utcOffset(h.exportedAt)}). Personal details were masked when the messages were saved.\n`,
      );
    },
    conversation(c: ExportConversation) {
      lastDay = localTime(c.startedAt).slice(0, 10);
      const kept = c.keptBy === 'consent' ? 'saved with consent' : 'kept by the retention policy';
      out.write(`\n## ${localTime(c.startedAt)} · conversation ${c.id}\n\n_${c.channel}, ${c.locale}, ${kept}_\n\n`);
    },
    message(_c, m) {
      const t = localTime(m.at);
      const day = t.slice(0, 10);
      const stamp = day === lastDay ? t.slice(11) : t;
      lastDay = day;
      out.write(`**${who(m)}** (${stamp}): ${mdEscape(m.text)}\n\n`);
    },
    endConversation(c, t: ConversationTail) {
      // Topics by their titles in the conversation's language (the ids stay in the JSON and CSV exports).
      const topics = t.topics.length > 0 ? ` · topics: ${t.topics.map((id) => mdEscape(labels.topicTitle(id, c.locale))).join(', ')}` : '';
      out.write(`_${t.messageCount} message${t.messageCount === 1 ? '' : 's'}${topics}_\n`);
    },
    end(t) {
      if (t.missed && t.missed.length > 0) {
        out.write(`\n## Missed questions (kept to teach the bot; masked, without their conversation)\n\n`);
        for (const m of t.missed) out.write(`- ${m.day} · ${mdEscape(m.text)} (${m.language}, ${m.reason}, ${m.status})\n`);
      }
      out.write(`\n---\n\n${t.conversations} conversation${t.conversations === 1 ? '' : 's'}, ${t.messages} message${t.messages === 1 ? '' : 's'}.\n`);
    },
  };
}

export function writerFor(format: ExportFormat, out: Out, labels?: MarkdownLabels): FormatWriter {
  if (format === 'json') return jsonWriter(out);
  if (format === 'csv') return csvWriter(out);
  return markdownWriter(out, labels);
}

export const FORMAT_EXTENSION: Record<ExportFormat, string> = { json: '.json', csv: '.csv', md: '.md' };
