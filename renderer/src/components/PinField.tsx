/** A labelled staff-PIN input: digits only, never echoed, never autofilled. */
import { forwardRef, useId, type InputHTMLAttributes } from 'react';

export interface PinFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> {
  label: string;
  value: string;
  onValue: (digits: string) => void;
}

export const PinField = forwardRef<HTMLInputElement, PinFieldProps>(function PinField({ label, value, onValue, id, ...rest }, ref) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        {...rest}
        ref={ref}
        id={inputId}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={value}
        onChange={(e) => onValue(e.target.value.replace(/\D+/g, ''))}
      />
    </div>
  );
});
