import { describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelName } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import { createRouter, type Handlers } from '../../main/backend/router';

/** A handler table where every channel echoes its validated request, so the router is what's tested. */
function echoHandlers(): Handlers {
  return Object.fromEntries(CHANNELS.map((c: ChannelName) => [c, (req: unknown) => ({ echoed: req })])) as unknown as Handlers;
}

describe('IPC router: every payload is validated, nothing throws past the boundary', () => {
  const dispatch = createRouter(echoHandlers());

  it('passes a valid payload to its handler', async () => {
    const r = await dispatch('chat.send', { conversationId: 'c_1', text: 'hello' });
    expect(r).toEqual({ ok: true, value: { echoed: { conversationId: 'c_1', text: 'hello' } } });
  });

  it.each([
    ['wrong types', 'chat.send', { conversationId: 42, text: 'hi' }, 'conversationId'],
    ['missing field', 'chat.send', { conversationId: 'c_1' }, 'text'],
    ['unknown key', 'chat.send', { conversationId: 'c_1', text: 'x', admin: true }, '(payload)'],
    ['id with path characters', 'conversations.get', { conversationId: '../../etc/passwd' }, 'conversationId'],
    ['not an object', 'export.create', 'json', '(payload)'],
    ['null where object needed', 'kb.try', null, '(payload)'],
    ['array', 'settings.set', [1, 2, 3], '(payload)'],
    ['bad enum', 'export.create', { format: 'exe' }, 'format'],
    ['bad nested union', 'wipe.run', { scope: { kind: 'everything' } }, 'scope.kind'],
    ['bad pin', 'kiosk.unlock', { pin: '12ab' }, 'pin'],
    ['negative number', 'conversations.list', { limit: -1 }, 'limit'],
    ['NaN', 'conversations.list', { limit: Number.NaN }, 'limit'],
  ])('%s gets invalid_input naming the field', async (_name, channel, payload, path) => {
    const r = await dispatch(channel, payload);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', details: [{ path }] } });
    if (!r.ok) expect(r.error.message.length).toBeLessThan(500);
  });

  it('input over a size cap gets too_large (the contract promises it), naming the field', async () => {
    const r = await dispatch('chat.send', { conversationId: 'c_1', text: 'x'.repeat(1_000_000) });
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large', details: [{ path: 'text', message: 'must be at most 4000 characters' }] } });
  });

  it.each([['no.such.channel'], [''], [42], [null], [{ toString: () => 'chat.send' }], ['__proto__'], ['constructor']])(
    'unknown channel %j gets unknown_channel',
    async (channel) => {
      const r = await dispatch(channel, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    },
  );

  it('turns an AppFailure into its typed error and any other throw into a generic internal error', async () => {
    const handlers = echoHandlers();
    handlers['kb.try'] = () => {
      throw new AppFailure('kb_invalid', 'bad kb');
    };
    handlers['app.info'] = () => {
      throw new Error('/secret/path/with/customer text');
    };
    const seen: string[] = [];
    const d = createRouter(handlers, (channel) => seen.push(channel));
    expect(await d('kb.try', { text: 'x' })).toEqual({ ok: false, error: { code: 'kb_invalid', message: 'bad kb' } });
    const r = await d('app.info', undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(seen).toEqual(['app.info']);
  });

  it('answers a flood of random payloads on every channel without throwing', async () => {
    const samples: unknown[] = [undefined, null, 0, -1, 1e308, '', 'x'.repeat(10_000), [], {}, { a: { b: { c: [] } } }, true, '\u0000\uffff'];
    for (const c of CHANNELS) {
      for (const s of samples) {
        const r = await dispatch(c, s);
        expect(typeof r.ok).toBe('boolean');
      }
    }
  });
});
