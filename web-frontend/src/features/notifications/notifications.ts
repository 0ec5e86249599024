import type { components } from '../../lib/api/generated/runledger.ts';

export type Notification = components['schemas']['Notification'];

/** How many of these are unread; the badge says `9+` beyond nine so it stays one small circle. */
export function unreadCount(items: readonly Notification[] | undefined): number {
  return (items ?? []).filter((n) => !n.readAt).length;
}

export function badgeText(count: number): string | undefined {
  if (count <= 0) return undefined;
  return count > 9 ? '9+' : String(count);
}

/**
 * Where a notification leads. Budget alerts lead to the budgets page (the usage feature's screen); kinds this UI does
 * not know lead nowhere rather than to a guess.
 */
export function notificationLink(kind: string | undefined): { href: string; label: string } | undefined {
  if (kind?.startsWith('budget.')) return { href: '/budgets', label: 'Open budgets' };
  return undefined;
}

/** The bell's accessible name: what it is and how many are unread. */
export function bellLabel(count: number): string {
  if (count === 0) return 'Notifications, none unread';
  return `Notifications, ${count} unread`;
}
