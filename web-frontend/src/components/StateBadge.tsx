/**
 * A run's state: running pulses (blue), finished green, failed red, crashed orange; a RUNNING run that has not
 * written or heartbeated for the heartbeat timeout (`active` false) reads "No recent activity", grey (UI.md "Colour").
 */
export function StateBadge({ state, active, lastActivity }: { state: string; active?: boolean | undefined; lastActivity?: string | undefined }) {
  if (state === 'RUNNING' && active === false) {
    const since = lastActivity ? ` since ${new Date(lastActivity).toLocaleString()}` : '';
    return (
      <span className="state quiet" title={`Running, but nothing logged and no heartbeat${since}`}>
        <span className="dot" aria-hidden="true" />
        No recent activity
      </span>
    );
  }
  const label = state.charAt(0) + state.slice(1).toLowerCase();
  return (
    <span className={`state ${state.toLowerCase()}`} title={state === 'CRASHED' ? 'Stopped sending heartbeats' : undefined}>
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
