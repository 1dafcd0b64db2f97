/**
 * Bot settings: welcome text and its quick replies, fallback replies, hand-off reply, confidence
 * threshold or automatic, and the out-of-scope phrases (the ones the bot must refuse: trained on,
 * and held out for the tests of each publish). In another language than the default: that
 * language's words (`languages.<code>.settings`, `languages.<code>.outOfScope*`); the threshold is
 * shared, shown read-only. Problems show at their field, an item's with its number.
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
  // The out-of-scope lists: top level for the default language, else that language's (same field names).
  const oos: Pick<KbLanguageDraft, 'outOfScopeExamples' | 'outOfScopeTests'> = isDefault ? draft.file : l;
  const setOos = (patch: Partial<typeof oos>) => (isDefault ? draft.change({ ...draft.file, ...patch }) : withLanguage(draft, { ...l, ...patch }));
  // The JSON path of the language's part of the file (problems and focus links use it).
  const langBase = isDefault ? '$' : `$.languages.${draft.language}`;
  const phrase = (n: number, text: string) => tk('settings.item', { n, text });
  const setWords = (patch: Partial<KbLanguageDraft['settings']>) => (isDefault ? set(patch) : withLanguage(draft, { ...l, settings: { ...l.settings, ...patch } }));
  const base = `${langBase}.settings`;
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
      <LinesField
        label={tk('settings.welcomeQuickReplies')}
        value={words.welcomeQuickReplies ?? []}
        onChange={(v) => setWords({ welcomeQuickReplies: v.length > 0 ? v : undefined })}
        problems={at('welcomeQuickReplies')}
        path={`${base}.welcomeQuickReplies`}
        item={phrase}
        lang={draft.language}
        testId="welcome-quick-replies"
      />
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
      <fieldset className="kb-fieldset" data-testid="out-of-scope">
        <legend>{tk('settings.oos')}</legend>
        <p className="muted">{tk('settings.oosIntro')}</p>
        <LinesField
          label={tk('settings.oosExamples', { n: oos.outOfScopeExamples.length })}
          value={oos.outOfScopeExamples}
          onChange={(v) => setOos({ outOfScopeExamples: v })}
          problems={problemsAt(draft.problems, `${langBase}.outOfScopeExamples`, true)}
          path={`${langBase}.outOfScopeExamples`}
          item={phrase}
          lang={draft.language}
          rows={8}
          testId="oos-examples"
        />
        <LinesField
          label={tk('settings.oosTests', { n: oos.outOfScopeTests.length })}
          value={oos.outOfScopeTests}
          onChange={(v) => setOos({ outOfScopeTests: v })}
          problems={problemsAt(draft.problems, `${langBase}.outOfScopeTests`, true)}
          path={`${langBase}.outOfScopeTests`}
          item={phrase}
          lang={draft.language}
          rows={8}
          testId="oos-tests"
        />
      </fieldset>
    </section>
  );
}
