/**
 * Opening hours (issue 13, item 4): each weekday's openings (none = closed all day), holiday
 * closures, and the "after closing" end-of-day wipe. Saved together; the backend's schema names
 * what it refuses (an overlap, a date twice). In kiosk mode settings are staff-only (PIN).
 */
import { useId, useState } from 'react';
import type { OpeningHours, OpenInterval, Weekday } from '../../../../../shared/opening-hours';
import { isoDate, WEEKDAYS } from '../../../../../shared/opening-hours';
import { ErrorText, Status } from '../../../components/States';
import { useI18n, type MessageKey } from '../../../i18n';
import { useApp } from '../../../lib/app-context';
import { openingStatusText, useNow } from '../../hours/OpeningStatusLine';
import { errorText } from '../../../lib/error-text';

const NEW_INTERVAL: OpenInterval = { open: '09:00', close: '17:00' };

function DayHours({ day, list, onChange }: { day: Weekday; list: OpenInterval[]; onChange: (next: OpenInterval[]) => void }) {
  const { t } = useI18n();
  const id = useId();
  const name = t(`hours.day.${day}` as MessageKey);
  const set = (i: number, patch: Partial<OpenInterval>) => onChange(list.map((iv, j) => (j === i ? { ...iv, ...patch } : iv)));
  return (
    <fieldset className="hours-day" data-day={day}>
      <legend>{name}</legend>
      {list.length === 0 && <p className="muted">{t('hours.closedAllDay')}</p>}
      {list.map((iv, i) => (
        <div className="field-row hours-row" key={i}>
          <div className="field">
            <label htmlFor={`${id}-o${i}`}>{t('hours.opens')}</label>
            <input id={`${id}-o${i}`} type="time" required value={iv.open} onChange={(e) => set(i, { open: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-c${i}`}>{t('hours.closes')}</label>
            <input id={`${id}-c${i}`} type="time" required value={iv.close === '24:00' ? '00:00' : iv.close} onChange={(e) => set(i, { close: e.target.value })} />
          </div>
          <button type="button" className="btn btn-small" onClick={() => onChange(list.filter((_, j) => j !== i))}>
            {t('hours.remove', { day: name, open: iv.open, close: iv.close })}
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => onChange([...list, list.length === 0 ? NEW_INTERVAL : { open: '18:00', close: '20:00' }])}>
        {t('hours.add')}
        <span className="sr-only"> ({name})</span>
      </button>
    </fieldset>
  );
}

export function OpeningHoursPage() {
  const { t, locale, dates } = useI18n();
  const { settings, updateSettings } = useApp();
  const [hours, setHours] = useState<OpeningHours>(settings.openingHours);
  const [afterClosing, setAfterClosing] = useState(settings.wipeAfterClosing);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const hid = useId();
  const now = useNow();
  const preview = openingStatusText(settings.openingHours, now, t, locale, dates);

  const setDay = (day: Weekday, list: OpenInterval[]) => setHours((h) => ({ ...h, weekly: { ...h.weekly, [day]: list } }));
  const setHoliday = (i: number, patch: { date?: string; label?: string }) =>
    setHours((h) => ({
      ...h,
      holidays: h.holidays.map((x, j) => {
        if (j !== i) return x;
        const next = { ...x, ...patch };
        // An empty name is no name (the schema refuses blank text).
        if (!next.label?.trim()) {
          const { label: _drop, ...rest } = next;
          void _drop;
          return rest;
        }
        return next;
      }),
    }));

  return (
    <form
      className="page-stack"
      aria-label={t('settings.page.hours')}
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setSaved(null);
        const r = await updateSettings({ openingHours: hours, wipeAfterClosing: afterClosing });
        if (!r.ok) setError(errorText(r.error, t));
        else setSaved(t('hours.saved'));
      }}
    >
      <p>{t('hours.intro')}</p>
      {preview && (
        <p className="notice" data-testid="hours-now">
          {t('hours.now', { status: preview })}
        </p>
      )}
      <p className="muted">{t('hours.overnight')}</p>
      <div className="hours-week">
        {WEEKDAYS.map((d) => (
          <DayHours key={d} day={d} list={hours.weekly[d]} onChange={(list) => setDay(d, list)} />
        ))}
      </div>
      <fieldset className="card hours-holidays">
        <legend>{t('hours.holidays')}</legend>
        {hours.holidays.length === 0 && <p className="muted">{t('hours.noHolidays')}</p>}
        {hours.holidays.map((h, i) => (
          <div className="field-row hours-row" key={i}>
            <div className="field">
              <label htmlFor={`${hid}-d${i}`}>{t('hours.holidayDate')}</label>
              <input id={`${hid}-d${i}`} type="date" required value={h.date} onChange={(e) => setHoliday(i, { date: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${hid}-l${i}`}>{t('hours.holidayLabel')}</label>
              <input id={`${hid}-l${i}`} type="text" maxLength={60} value={h.label ?? ''} onChange={(e) => setHoliday(i, { label: e.target.value })} />
            </div>
            <button type="button" className="btn btn-small" onClick={() => setHours((x) => ({ ...x, holidays: x.holidays.filter((_, j) => j !== i) }))}>
              {t('hours.removeHoliday', { date: h.date })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setHours((x) => ({ ...x, holidays: [...x.holidays, { date: isoDate(new Date(now)) }] }))}
        >
          {t('hours.addHoliday')}
        </button>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={afterClosing} onChange={(e) => setAfterClosing(e.target.checked)} />
        <span>{t('hours.wipeAfterClosing')}</span>
      </label>
      <div>
        <button type="submit" className="btn btn-primary">
          {t('hours.save')}
        </button>
      </div>
      <Status text={saved} />
      <ErrorText error={error} />
    </form>
  );
}
