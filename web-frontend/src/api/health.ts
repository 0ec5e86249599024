import { apiFetch } from './client.ts';

/** Spring Boot Actuator health statuses; custom ones are passed through as-is. */
export type HealthStatus = 'UP' | 'DOWN' | 'OUT_OF_SERVICE' | 'UNKNOWN' | (string & {});

interface HealthBody {
  status: HealthStatus;
}

/**
 * Reads the backend's aggregate health. Actuator answers 503 with a normal
 * `{"status":"DOWN"}` body when the app is unhealthy, so 503 is not an error here.
 */
export async function fetchHealth(signal?: AbortSignal): Promise<HealthStatus> {
  const body = await apiFetch<HealthBody>('/actuator/health', {
    okStatuses: [503],
    ...(signal ? { signal } : {}),
  });
  if (!body || typeof body.status !== 'string') {
    throw new Error('Health endpoint returned no status');
  }
  return body.status;
}
