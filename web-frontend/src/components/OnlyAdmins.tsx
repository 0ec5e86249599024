import { Link } from '@tanstack/react-router';

/** What usage, budgets and billing say to a member or viewer: who may see them, plainly, and never as an error. */
export function OnlyAdmins({ what, organisation }: { what: string; organisation: string }) {
  return (
    <div className="empty-state" role="status">
      <h2>Only admins and owners see {what}</h2>
      <p>
        {organisation ? <b>{organisation}</b> : 'This organisation'}'s usage, budgets and invoices are for its admins and
        owners. Viewers are free and unlimited; you pay for data, never seats.
      </p>
      <p className="muted">
        If a write was refused with 429 because a budget's hard cap was reached, ask an admin to raise the budget. Reading
        your runs, reports and artifacts is never blocked.
      </p>
      <p>
        <Link to="/">Back to the projects</Link>
      </p>
    </div>
  );
}
