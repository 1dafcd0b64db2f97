/**
 * The owner's masking controls (issue 12 item 6): a switch per detector, with a plain warning for
 * each one that is off (what is then saved as typed); the shop's country and its other countries
 * for phone numbers; words that are never a name. Errors are shown at the field they belong to,
 * whether the form or the backend found them.
 */
import { useId, useState } from 'react';
import { MAX_NEVER_NAMES, MAX_SHOP_COUNTRIES, PII_DETECTORS, type PiiDetector } from '../../../../../shared/domain';
import type { ErrorDetail } from '../../../../../shared/result';
import { RegionSelect } from '../../../components/RegionSelect';
import { ErrorText, Status } from '../../../components/States';
import { useI18n, type MessageKey } from '../../../i18n';
import { useApp } from '../../../lib/app-context';
import { detailText, errorText } from '../../../lib/error-text';
import { regionName } from '../../../lib/region';

const MAX_WORD = 60;
type Field = 'region' | 'countries' | 'words';

/** "de, FR;  es" -> ["DE", "FR", "ES"] (duplicates dropped, as the backend does). */
export function parseCountries(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase()))];
}

export function parseWords(text: string): string[] {
  return [...new Set(text.split('\n').map((w) => w.trim()).filter(Boolean))];
}

export function MaskingControls({ onSaved }: { onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { settings, updateSettings, kiosk } = useApp();
  const id = useId();
  const [off, setOff] = useState<Set<PiiDetector>>(new Set(settings.piiOff ?? []));
  const [storeRegion, setStoreRegion] = useState(settings.storeRegion);
  const [countriesText, setCountriesText] = useState((settings.shopCountries ?? []).join(', '));
  const [wordsText, setWordsText] = useState((settings.neverNames ?? []).join('\n'));
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const typeLabel = (d: PiiDetector) => t(`mask.type.${d}` as MessageKey);
  const offList = PII_DETECTORS.filter((d) => off.has(d));
  const countries = parseCountries(countriesText);
  const region = regionName(locale, storeRegion);

  /** The form's own checks, in the person's language, before anything is sent. */
  function check(words: string[]): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    const bad = countries.find((c) => !/^[A-Z]{2}$/.test(c));
    if (bad !== undefined) errors.countries = t('mask.badCountry', { code: bad });
    else if (countries.length > MAX_SHOP_COUNTRIES) errors.countries = t('mask.tooManyCountries', { max: MAX_SHOP_COUNTRIES });
    const long = words.find((w) => w.length > MAX_WORD);
    if (long !== undefined) errors.words = t('mask.badWord', { word: long.slice(0, 20) + '…', max: MAX_WORD });
    else if (words.length > MAX_NEVER_NAMES) errors.words = t('mask.tooManyWords', { max: MAX_NEVER_NAMES });
    return errors;
  }

  const errorId = (f: Field) => `${id}-${f}-error`;
  const described = (f: Field, help: string) => (fieldErrors[f] ? `${help} ${errorId(f)}` : help);

  return (
    <form
      className="card"
      aria-labelledby={`${id}-h`}
      data-testid="masking-controls"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setStatus(null);
        const words = parseWords(wordsText);
        const local = check(words);
        setFieldErrors(local);
        if (Object.keys(local).length > 0) return;
        const r = await updateSettings({ piiOff: PII_DETECTORS.filter((d) => off.has(d)), storeRegion, shopCountries: countries, neverNames: words });
        if (r.ok) {
          setStatus(t('common.saved'));
          setCountriesText(r.value.shopCountries.join(', '));
          onSaved();
          return;
        }
        // The backend names the field (patch.storeRegion, patch.shopCountries.1, patch.neverNames.0...): show it there.
        const next: Partial<Record<Field, string>> = {};
        const rest: ErrorDetail[] = [];
        for (const d of r.error.details ?? []) {
          const [, field, index] = d.path.split('.');
          const i = Number(index);
          if (field === 'storeRegion') next.region ??= detailText(d, t);
          else if (field === 'shopCountries') next.countries ??= Number.isInteger(i) && countries[i] ? t('mask.badCountry', { code: countries[i] }) : detailText(d, t);
          else if (field === 'neverNames') next.words ??= detailText(d, t);
          else rest.push(d);
        }
        setFieldErrors(next);
        if (rest.length > 0 || Object.keys(next).length === 0) setError(errorText({ ...r.error, details: rest }, t));
      }}
    >
      <h3 id={`${id}-h`}>{t('mask.title')}</h3>
      <p className="muted">{t('mask.intro')}</p>
      {!settings.redactPii && (
        <p className="warning" data-testid="masking-master-off">
          {t('mask.masterOff')}
        </p>
      )}
      <fieldset className="radio-group" aria-describedby={offList.length > 0 ? `${id}-off` : undefined}>
        <legend>{t('mask.detectors')}</legend>
        {PII_DETECTORS.map((d) => (
          <label key={d} className="check">
            <input
              type="checkbox"
              name="pii-detector"
              value={d}
              checked={!off.has(d)}
              onChange={(e) =>
                setOff((prev) => {
                  const next = new Set(prev);
                  if (e.target.checked) next.delete(d);
                  else next.add(d);
                  return next;
                })
              }
            />
            <span>{typeLabel(d)}</span>
          </label>
        ))}
        {offList.length > 0 && (
          <p className="warning" id={`${id}-off`} data-testid="pii-off-warning">
            {t('mask.offWarning', { types: offList.map(typeLabel).join(', ') })}
          </p>
        )}
      </fieldset>
      <div className="field">
        {/* A kiosk's is the shop's; a desktop's is its owner's, named as its first start named it. */}
        <label htmlFor={`${id}-region`}>{kiosk ? t('mask.region') : t('unlock.country')}</label>
        <RegionSelect id={`${id}-region`} value={storeRegion} onChange={setStoreRegion} describedBy={described('region', `${id}-region-help`)} invalid={!!fieldErrors.region} />
        <p id={`${id}-region-help`} className="muted">
          {t('mask.regionHelp')}
        </p>
        {fieldErrors.region && (
          <p id={errorId('region')} role="alert" className="error-text">
            {fieldErrors.region}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-countries`}>{t('mask.countries')}</label>
        <input
          id={`${id}-countries`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          aria-invalid={fieldErrors.countries ? true : undefined}
          aria-describedby={described('countries', `${id}-countries-help`)}
          value={countriesText}
          onChange={(e) => setCountriesText(e.target.value)}
        />
        <p id={`${id}-countries-help`} className="muted">
          {t('mask.countriesHelp', { max: MAX_SHOP_COUNTRIES, region })}
          {countries.length > 0 && countries.every((c) => /^[A-Z]{2}$/.test(c)) && (
            <>
              {' '}
              <span data-testid="countries-listed">{t('mask.countriesListed', { names: countries.map((c) => regionName(locale, c)).join(', ') })}</span>
            </>
          )}
        </p>
        {fieldErrors.countries && (
          <p id={errorId('countries')} role="alert" className="error-text">
            {fieldErrors.countries}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-words`}>{t('mask.neverNames')}</label>
        <textarea
          id={`${id}-words`}
          className="textarea"
          rows={4}
          spellCheck={false}
          aria-invalid={fieldErrors.words ? true : undefined}
          aria-describedby={described('words', `${id}-words-help`)}
          value={wordsText}
          onChange={(e) => setWordsText(e.target.value)}
        />
        <p id={`${id}-words-help`} className="muted">
          {t('mask.neverNamesHelp', { max: MAX_NEVER_NAMES })}
        </p>
        {fieldErrors.words && (
          <p id={errorId('words')} role="alert" className="error-text">
            {fieldErrors.words}
          </p>
        )}
      </div>
      <button type="submit" className="btn btn-primary">
        {t('mask.save')}
      </button>
      <ErrorText error={error} />
      <Status text={status} />
    </form>
  );
}
