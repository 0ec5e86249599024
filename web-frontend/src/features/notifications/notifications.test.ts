import { describe, expect, it } from 'vitest';
import { badgeText, bellLabel, notificationLink, unreadCount } from './notifications.ts';

describe('the notifications bell', () => {
  it('counts only notifications without a read time', () => {
    expect(unreadCount([{ id: 'a' }, { id: 'b', readAt: '2026-12-01T00:00:00Z' }, { id: 'c' }])).toBe(2);
    expect(unreadCount(undefined)).toBe(0);
  });

  it('shows no badge at zero and 9+ beyond nine', () => {
    expect(badgeText(0)).toBeUndefined();
    expect(badgeText(3)).toBe('3');
    expect(badgeText(12)).toBe('9+');
  });

  it('says how many are unread to a screen reader', () => {
    expect(bellLabel(0)).toBe('Notifications, none unread');
    expect(bellLabel(2)).toBe('Notifications, 2 unread');
  });

  it('links budget alerts to the budgets and unknown kinds nowhere', () => {
    expect(notificationLink('budget.threshold')?.href).toBe('/budgets');
    expect(notificationLink('something.else')).toBeUndefined();
  });
});
