/**
 * Bot settings: welcome text, fallback replies, hand-off reply, confidence threshold or automatic.
 * In another language than the default: that language's welcome, fallbacks and hand-off reply
 * (`languages.<code>.settings`); the threshold is shared, shown read-only.
 */
import { useId } from 'react';
import type { DraftApi } from './KbEditorPage';
import { FieldProblems, invalidProps } from './FieldProblems';
import { LinesField } from './LinesField';
import { problemsAt } from './problems';
import { useKbText } from './text';
import { languageOf, withLanguage } from './LanguageIntentEditor';
import { languageName } from './languages';
import type { KbFileDraft, KbLanguageDraft } from './types';

export function BotSettingsTab({ draft }: { draft: DraftApi }) {
  const { tk } = useKbText();
  const uid = useId();
  const s = draft.file.settings;
  const isDefault = draft.language === s.language;
  const l = languageOf(draft);
  // The words of the language being edited: the top-level settings, or that language's.
  const words: KbLanguageDraft['settings'] = isDefault ? s : l.settings;
  const set = (patch: Partial<KbFileDraft['settings']>) => draft.change({ ...draft.file, settings: { ...s, ...patch } });
  const setWords = (patch: Partial<KbLanguageDraft['settings']>) => (isDefault ? set(patch) : withLanguage(draft, { ...l, settings: { ...l.settings, ...patch } }));
  const base = isDefault ? '$.settings' : `$.languages.${draft.language}.settings`;
  const at = (field: string) => problemsAt(draft.problems, `${base}.${field}`, true);
  const auto = s.confidenceThreshold === 'auto';
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>
        {tk('tab.settings')}
        {isDefault ? '' : ` (${languageName(draft.language)})`}
      </h3>
      {!isDefault && <p className="notice">{tk('lang.note', { language: languageName(draft.language), defaultLanguage: languageName(s.language) })}</p>}
      <div className="field">
        <label htmlFor={`${uid}-w`}>{tk('settings.welcome')}</label>
        <textarea id={`${uid}-w`} className="textarea" rows={2} value={words.welcome ?? ''} data-kb-path={`${base}.welcome`} onChange={(e) => setWords({ welcome: e.target.value })} {...invalidProps(`${uid}-wp`, at('welcome'))} />
        <FieldProblems id={`${uid}-wp`} problems={at('welcome')} />
      </div>
      <LinesField label={tk('settings.fallback')} value={words.fallbackReplies} onChange={(v) => setWords({ fallbackReplies: v })} problems={at('fallbackReplies')} />
      <div className="field">
        <label htmlFor={`${uid}-h2`}>{tk('settings.handoff')}</label>
        <input id={`${uid}-h2`} type="text" value={words.handoffReply} data-kb-path={`${base}.handoffReply`} onChange={(e) => setWords({ handoffReply: e.target.value })} {...invalidProps(`${uid}-hp`, at('handoffReply'))} />
        <FieldProblems id={`${uid}-hp`} problems={at('handoffReply')} />
      </div>
      {!isDefault && <p className="muted">{tk('settings.thresholdShared', { defaultLanguage: languageName(s.language), threshold: auto ? tk('settings.autoShort') : String(s.confidenceThreshold) })}</p>}
      {isDefault && (
        <div className="check">
          <input id={`${uid}-auto`} type="checkbox" checked={auto} onChange={(e) => set({ confidenceThreshold: e.target.checked ? 'auto' : 0.5 })} />
          <label htmlFor={`${uid}-auto`}>{tk('settings.auto')}</label>
        </div>
      )}
      {isDefault && !auto && (
        <div className="field">
          <label htmlFor={`${uid}-t`}>{tk('settings.threshold')}</label>
          <input id={`${uid}-t`} type="number" min={0} max={1} step={0.01} value={String(s.confidenceThreshold)} onChange={(e) => set({ confidenceThreshold: Number(e.target.value) })} {...invalidProps(`${uid}-tp`, at('confidenceThreshold'))} />
          <FieldProblems id={`${uid}-tp`} problems={at('confidenceThreshold')} />
        </div>
      )}
    </section>
  );
}
