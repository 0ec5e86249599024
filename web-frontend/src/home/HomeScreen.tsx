import { useEffect, useState } from 'react';
import { fetchHealth, type HealthStatus } from '../api/health.ts';

type HealthState =
  | { kind: 'loading' }
  | { kind: 'ok'; status: HealthStatus }
  | { kind: 'unreachable' };

/** Placeholder home screen: shows whether the backend answers its health check. */
export function HomeScreen() {
  const [health, setHealth] = useState<HealthState>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchHealth(controller.signal)
      .then((status) => setHealth({ kind: 'ok', status }))
      .catch(() => {
        if (!controller.signal.aborted) setHealth({ kind: 'unreachable' });
      });
    return () => controller.abort();
  }, []);

  return (
    <section aria-label="Backend health">
      <p role="status">{describe(health)}</p>
    </section>
  );
}

function describe(health: HealthState): string {
  switch (health.kind) {
    case 'loading':
      return 'Checking backend…';
    case 'ok':
      return `Backend status: ${health.status}`;
    case 'unreachable':
      return 'Backend unreachable — is the server running on port 8080?';
  }
}
