/** A run's state: running pulses (blue), finished green, failed red, crashed orange (UI.md "Colour"). */
export function StateBadge({ state }: { state: string }) {
  const label = state.charAt(0) + state.slice(1).toLowerCase();
  return (
    <span className={`state ${state.toLowerCase()}`} title={state === 'CRASHED' ? 'Stopped sending heartbeats' : undefined}>
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
