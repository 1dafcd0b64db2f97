/**
 * A select of the shop's country (every region a phone number can be read in), by name. The names
 * are Intl's, in the interface language, not the catalogue's: marked as content (data-content).
 */
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { regionsByName } from '../lib/region';

export interface RegionSelectProps {
  id: string;
  value: string;
  onChange: (code: string) => void;
  describedBy?: string | undefined;
  /** When no <label> names it (a fieldset's legend does). */
  labelledBy?: string | undefined;
  invalid?: boolean;
}

export function RegionSelect({ id, value, onChange, describedBy, labelledBy, invalid }: RegionSelectProps) {
  const { locale } = useI18n();
  const regions = useMemo(() => regionsByName(locale), [locale]);
  return (
    <select id={id} data-content value={value} aria-describedby={describedBy} aria-labelledby={labelledBy} aria-invalid={invalid ? true : undefined} onChange={(e) => onChange(e.target.value)}>
      {regions.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
    </select>
  );
}
