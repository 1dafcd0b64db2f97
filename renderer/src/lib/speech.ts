/**
 * Read aloud (issue 13, item 3): the system's speech synthesis with offline voices only. A voice
 * whose `localService` is false may send the text to a cloud service, so it is never used; with no
 * offline voice for the conversation's language there is no speaker button at all. Voices often
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
  /** An offline voice speaks this language here: show the speaker button. */
  available: boolean;
  speak(text: string): void;
  stop(): void;
}

export function useSpeech(lang: Locale): Speech {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(() => {
    const s = synth();
    return s ? offlineVoiceFor(s.getVoices(), lang) : null;
  });

  useEffect(() => {
    const s = synth();
    if (!s) return;
    const update = () => setVoice(offlineVoiceFor(s.getVoices(), lang));
    update();
    s.addEventListener('voiceschanged', update);
    return () => s.removeEventListener('voiceschanged', update);
  }, [lang]);

  const speak = useCallback(
    (text: string) => {
      const s = synth();
      if (!s || !voice || !text.trim()) return;
      // One answer at a time: a new one (or the same again) replaces what is being read.
      s.cancel();
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      s.speak(u);
    },
    [voice],
  );
  const stop = useCallback(() => synth()?.cancel(), []);
  return { available: voice !== null, speak, stop };
}

/** Stops any reading (a new conversation, the idle reset): nothing of one customer's answer is heard by the next. */
export function stopSpeaking(): void {
  synth()?.cancel();
}
