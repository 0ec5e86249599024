import { Link } from '@tanstack/react-router';

/** Links between the pages of one section (usage · budgets · billing), the current one marked. */
export function SectionTabs({ label, items }: { label: string; items: { to: string; label: string }[] }) {
  return (
    <nav aria-label={label} className="section-tabs">
      {items.map((item) => (
        // The targets are plain paths of our own routes.
        <Link key={item.to} to={item.to as never} className="section-tab" activeProps={{ className: 'section-tab active', 'aria-current': 'page' }}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}

/** The usage section's pages (usage, budgets, billing): one nav entry in the shell, tabs here. */
export function UsageSectionTabs() {
  return (
    <SectionTabs
      label="Usage and billing"
      items={[
        { to: '/usage', label: 'Usage' },
        { to: '/budgets', label: 'Budgets' },
        { to: '/billing', label: 'Billing' },
      ]}
    />
  );
}
