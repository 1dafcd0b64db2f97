/**
 * On-screen keyboard layouts (simple-keyboard's format: rows of space-separated keys, {name} for
 * function keys). Spanish has ñ, the accented vowels, ü and the opening ¿ ¡ on their own keys, so a
 * customer never needs a dead key or a long press.
 */
import type { Locale } from '../../../../shared/domain';

// A type alias, not an interface: simple-keyboard's layout type has an index signature.
export type KeyboardLayout = { default: string[]; shift: string[] };

const DIGITS = '1 2 3 4 5 6 7 8 9 0 {bksp}';

export const KEYBOARD_LAYOUTS: Record<Locale, KeyboardLayout> = {
  en: {
    default: [DIGITS, 'q w e r t y u i o p', "a s d f g h j k l '", '{shift} z x c v b n m , . ?', '@ - {space} {enter}'],
    shift: ['! # $ % & ( ) / : ; {bksp}', 'Q W E R T Y U I O P', 'A S D F G H J K L "', '{shift} Z X C V B N M , . ?', '@ - {space} {enter}'],
  },
  es: {
    default: [DIGITS, 'q w e r t y u i o p', 'a s d f g h j k l ñ', '{shift} z x c v b n m , . ?', 'á é í ó ú ü ¿ ¡', '@ - {space} {enter}'],
    shift: ['! # $ % & ( ) / : ; {bksp}', 'Q W E R T Y U I O P', 'A S D F G H J K L Ñ', '{shift} Z X C V B N M , . ?', 'Á É Í Ó Ú Ü ¿ ¡', '@ - {space} {enter}'],
  },
};

/** Whether the on-screen keyboard is wanted on this device: 'auto' follows what the device reports. */
export function touchKeyboardWanted(mode: 'auto' | 'always' | 'never', media: (q: string) => boolean, maxTouchPoints: number): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return media('(pointer: coarse)') || maxTouchPoints > 0;
}
