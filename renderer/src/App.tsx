import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/domain';
import { call } from './api';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('app.info', undefined).then((r) => (r.ok ? setInfo(r.value) : setError(r.error.message)));
  }, []);
  return (
    <main data-testid="app-ready" data-ready={info ? 'true' : 'false'}>
      <h1>Hushdesk</h1>
      {info && <p>Version {info.version}</p>}
      {error && <p role="alert">{error}</p>}
    </main>
  );
}
