/** Bot settings: welcome text, fallback replies, hand-off reply, confidence threshold or automatic. */
import { useId } from 'react';
import type { DraftApi } from './KbEditorPage';
import { FieldProblems, invalidProps } from './FieldProblems';
import { LinesField } from './LinesField';
import { problemsAt } from './problems';
import { useKbText } from './text';
import type { KbFileDraft } from './types';

export function BotSettingsTab({ draft }: { draft: DraftApi }) {
  const { tk } = useKbText();
  const uid = useId();
  const s = draft.file.settings;
  const set = (patch: Partial<KbFileDraft['settings']>) => draft.change({ ...draft.file, settings: { ...s, ...patch } });
  const at = (field: string) => problemsAt(draft.problems, `$.settings.${field}`, true);
  const auto = s.confidenceThreshold === 'auto';
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>{tk('tab.settings')}</h3>
      <div className="field">
        <label htmlFor={`${uid}-w`}>{tk('settings.welcome')}</label>
        <textarea id={`${uid}-w`} className="textarea" rows={2} value={s.welcome ?? ''} onChange={(e) => set({ welcome: e.target.value })} {...invalidProps(`${uid}-wp`, at('welcome'))} />
        <FieldProblems id={`${uid}-wp`} problems={at('welcome')} />
      </div>
      <LinesField label={tk('settings.fallback')} value={s.fallbackReplies} onChange={(v) => set({ fallbackReplies: v })} problems={at('fallbackReplies')} />
      <div className="field">
        <label htmlFor={`${uid}-h2`}>{tk('settings.handoff')}</label>
        <input id={`${uid}-h2`} type="text" value={s.handoffReply} onChange={(e) => set({ handoffReply: e.target.value })} {...invalidProps(`${uid}-hp`, at('handoffReply'))} />
        <FieldProblems id={`${uid}-hp`} problems={at('handoffReply')} />
      </div>
      <div className="check">
        <input id={`${uid}-auto`} type="checkbox" checked={auto} onChange={(e) => set({ confidenceThreshold: e.target.checked ? 'auto' : 0.5 })} />
        <label htmlFor={`${uid}-auto`}>{tk('settings.auto')}</label>
      </div>
      {!auto && (
        <div className="field">
          <label htmlFor={`${uid}-t`}>{tk('settings.threshold')}</label>
          <input id={`${uid}-t`} type="number" min={0} max={1} step={0.01} value={String(s.confidenceThreshold)} onChange={(e) => set({ confidenceThreshold: Number(e.target.value) })} {...invalidProps(`${uid}-tp`, at('confidenceThreshold'))} />
          <FieldProblems id={`${uid}-tp`} problems={at('confidenceThreshold')} />
        </div>
      )}
    </section>
  );
}
