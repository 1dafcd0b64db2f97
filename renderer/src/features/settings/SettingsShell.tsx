/**
 * Settings: a full page with a navigation list and one page at a time. Page changes are React
 * state only (never history entries), and focus moves to the page heading for screen readers.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import { BrandMark } from '../../components/BrandMark';
import { useI18n, type MessageKey } from '../../i18n';
import { useBrand } from '../../lib/branding';
import { AboutPage } from './pages/AboutPage';
import { ConversationsPage } from './pages/ConversationsPage';
import { ExportWipePage } from './pages/ExportWipePage';
import { GeneralPage } from './pages/GeneralPage';
import { KbPage } from './pages/KbPage';
import { KbEditorPage } from '../kb-editor/KbEditorPage';
import { KioskPage } from './pages/KioskPage';
import { OpeningHoursPage } from './pages/OpeningHoursPage';
import { PrivacyPage } from './pages/PrivacyPage';
import { SecurityPage } from './pages/SecurityPage';

export const SETTINGS_PAGES = ['general', 'conversations', 'exportWipe', 'privacy', 'security', 'kb', 'teach', 'kiosk', 'hours', 'about'] as const;
export type SettingsPageId = (typeof SETTINGS_PAGES)[number];

const PAGE_COMPONENTS: Record<SettingsPageId, () => ReactElement> = {
  general: GeneralPage,
  conversations: ConversationsPage,
  exportWipe: ExportWipePage,
  privacy: () => <PrivacyPage />,
  security: SecurityPage,
  kb: KbPage,
  teach: KbEditorPage,
  kiosk: KioskPage,
  hours: OpeningHoursPage,
  about: AboutPage,
};

export function SettingsShell({ page, onPage, onClose }: { page: SettingsPageId; onPage: (p: SettingsPageId) => void; onClose: () => void }) {
  const { t } = useI18n();
  const brand = useBrand();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Focus the heading on every page change (and when settings open), so keyboard and
    // screen-reader users land on the new content.
    headingRef.current?.focus({ preventScroll: first.current });
    first.current = false;
  }, [page]);
  const Page = PAGE_COMPONENTS[page];
  const title = t(`settings.page.${page}` as MessageKey);
  return (
    <div className="screen settings-screen" data-testid="settings">
      <header className="topbar">
        <div className="brand">
          <BrandMark />
          <span className="brand-name" {...brand.nameProps}>
            {brand.name}
          </span>
          <span className="brand-sep" aria-hidden="true">
            /
          </span>
          <h1 className="brand-page">{t('settings.title')}</h1>
        </div>
        <button type="button" className="btn" onClick={onClose}>
          {t('settings.back')}
        </button>
      </header>
      <div className="settings-body">
        <nav className="settings-nav" aria-label={t('settings.nav')}>
          <ul>
            {SETTINGS_PAGES.map((p) => (
              <li key={p}>
                <button type="button" className="nav-item" aria-current={p === page ? 'page' : undefined} onClick={() => onPage(p)}>
                  {t(`settings.page.${p}` as MessageKey)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="settings-main">
          <h2 className="page-title" tabIndex={-1} ref={headingRef}>
            {title}
          </h2>
          <Page key={page} />
        </main>
      </div>
    </div>
  );
}
