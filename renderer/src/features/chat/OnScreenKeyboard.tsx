/**
 * The kiosk's on-screen keyboard (simple-keyboard): it types into the composer's text (the parent
 * owns it), {enter} sends, and a real "Hide keyboard" button closes it. Keys never take focus from
 * the message box (preventMouseDownDefault), so the caret stays where the customer looks.
 */
import { useEffect, useRef } from 'react';
import Keyboard from 'simple-keyboard';
import 'simple-keyboard/build/css/index.css';
import type { Locale } from '../../../../shared/domain';
import { useI18n } from '../../i18n';
import { KEYBOARD_LAYOUTS } from './keyboard-layouts';

export interface OnScreenKeyboardProps {
  value: string;
  locale: Locale;
  onChange: (v: string) => void;
  onEnter: () => void;
  onClose: () => void;
}

export function OnScreenKeyboard({ value, locale, onChange, onEnter, onClose }: OnScreenKeyboardProps) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const kb = useRef<Keyboard | null>(null);
  // The latest callbacks, so the keyboard is built once per language, not on every keystroke.
  const handlers = useRef({ onChange, onEnter });
  handlers.current = { onChange, onEnter };

  useEffect(() => {
    if (!host.current) return;
    let shifted = false;
    const keyboard = new Keyboard(host.current, {
      layout: KEYBOARD_LAYOUTS[locale],
      layoutName: 'default',
      display: {
        '{bksp}': `⌫ ${t('keyboard.delete')}`,
        '{enter}': t('keyboard.send'),
        '{shift}': `⇧ ${t('keyboard.shift')}`,
        '{space}': t('keyboard.space'),
      },
      theme: 'hg-theme-default osk',
      preventMouseDownDefault: true,
      disableCaretPositioning: true,
      onChange: (input: string) => handlers.current.onChange(input),
      onKeyPress: (button: string) => {
        if (button === '{enter}') handlers.current.onEnter();
        else if (button === '{shift}') shifted = !shifted;
        // One capital, then back to small letters, as phone keyboards do.
        else if (shifted) shifted = false;
        else return;
        keyboard.setOptions({ layoutName: shifted ? 'shift' : 'default' });
      },
    });
    kb.current = keyboard;
    return () => {
      keyboard.destroy();
      kb.current = null;
    };
    // Rebuilt when the language changes; the labels follow it.
  }, [locale, t]);

  // The text can change outside the keyboard (typed, sent and cleared, a quick reply).
  useEffect(() => {
    if (kb.current && kb.current.getInput() !== value) kb.current.setInput(value);
  }, [value]);

  return (
    <div className="osk-panel" role="group" aria-label={t('keyboard.label')} data-testid="on-screen-keyboard" lang={locale}>
      <div className="osk-bar">
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('keyboard.hide')}
        </button>
      </div>
      {/* simple-keyboard needs a class on its element (it mounts into it by class). */}
      <div ref={host} className="osk-keys" />
    </div>
  );
}
