/**
 * Read aloud (issue 13, item 3): the system's speech synthesis with offline voices only. A voice
 * whose `localService` is false may send the text to a cloud service, so it is never used; with no
 * offline voice for a message's language there is no speaker button on it. Voices often
 * arrive after the page loads (`voiceschanged`), so the choice is re-made when they do.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Locale } from '../../../shared/domain';

function synth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && window.speechSynthesis ? window.speechSynthesis : null;
}

/** The best offline voice for `lang`: the exact tag ("es" = "es"), else the first with that language ("es-ES"); the default one first. */
export function offlineVoiceFor(voices: readonly SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | null {
  const want = lang.toLowerCase();
  const local = voices.filter((v) => v.localService);
  const base = (v: SpeechSynthesisVoice) => v.lang.toLowerCase().split(/[-_]/)[0];
  const ranked = [...local.filter((v) => v.default), ...local.filter((v) => !v.default)];
  return ranked.find((v) => v.lang.toLowerCase() === want) ?? ranked.find((v) => base(v) === want) ?? null;
}

export interface Speech {
  /** An offline voice speaks the screen's language here (the setting's note). */
  available: boolean;
  /** An offline voice speaks this language (a message's own): show its speaker button. */
  availableFor(lang: string): boolean;
  /** Reads `text` with the voice of `lang` (a message's own language; the screen's when absent). */
  speak(text: string, lang?: string): void;
  stop(): void;
}

/**
 * `lang` is the screen's language; each message is read in its own (after a language switch the
 * log holds both, and an earlier Spanish answer must not be read by the English voice).
 */
export function useSpeech(lang: Locale): Speech {
  const [voices, setVoices] = useState<readonly SpeechSynthesisVoice[]>(() => synth()?.getVoices() ?? []);

  useEffect(() => {
    const s = synth();
    if (!s) return;
    const update = () => setVoices(s.getVoices());
    update();
    s.addEventListener('voiceschanged', update);
    return () => s.removeEventListener('voiceschanged', update);
  }, []);

  const availableFor = useCallback((l: string) => offlineVoiceFor(voices, l) !== null, [voices]);
  const speak = useCallback(
    (text: string, l: string = lang) => {
      const s = synth();
      const voice = offlineVoiceFor(voices, l);
      if (!s || !voice || !text.trim()) return;
      // One answer at a time: a new one (or the same again) replaces what is being read.
      s.cancel();
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      s.speak(u);
    },
    [voices, lang],
  );
  const stop = useCallback(() => synth()?.cancel(), []);
  return { available: availableFor(lang), availableFor, speak, stop };
}

/** Stops any reading (a new conversation, the idle reset): nothing of one customer's answer is heard by the next. */
export function stopSpeaking(): void {
  synth()?.cancel();
}
