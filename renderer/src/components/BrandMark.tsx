/** The header's mark: the shop's logo when branding has one, else the app's own mark. Decorative: the name is beside it. */
import { useBrand } from '../lib/branding';

export function BrandMark({ large = false }: { large?: boolean }) {
  const { logo } = useBrand();
  if (logo) return <img className={large ? 'brand-logo brand-logo-large' : 'brand-logo'} src={logo} alt="" data-testid="brand-logo" />;
  return <span className={large ? 'brand-mark brand-mark-large' : 'brand-mark'} aria-hidden="true" />;
}
