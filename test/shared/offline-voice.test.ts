/**
 * Read aloud picks only offline voices (issue 13, item 3): a voice with localService false may send
 * the text to a cloud service, so it is never chosen, whatever its language.
 */
import { describe, expect, it } from 'vitest';
import { offlineVoiceFor } from '../../renderer/src/lib/speech';

const voice = (name: string, lang: string, localService: boolean, isDefault = false) =>
  ({ name, lang, localService, default: isDefault, voiceURI: name }) as unknown as SpeechSynthesisVoice;

describe('offlineVoiceFor', () => {
  it('never a cloud voice, even the only one for the language', () => {
    expect(offlineVoiceFor([voice('Cloud en', 'en-US', false, true)], 'en')).toBeNull();
    expect(offlineVoiceFor([], 'en')).toBeNull();
  });

  it('the language of the conversation: an exact tag first, else the same base language; the default first', () => {
    const list = [voice('Cloud es', 'es-ES', false, true), voice('Local en-GB', 'en-GB', true), voice('Local es-MX', 'es-MX', true), voice('Local es-ES', 'es_ES', true, true)];
    expect(offlineVoiceFor(list, 'es')?.name).toBe('Local es-ES');
    expect(offlineVoiceFor(list, 'en')?.name).toBe('Local en-GB');
    expect(offlineVoiceFor(list, 'es-MX')?.name).toBe('Local es-MX');
    expect(offlineVoiceFor(list, 'fr')).toBeNull();
  });
});
