import { Button, Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
import { Problem } from '../../components/Problem.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import type { Session } from '../../lib/session.ts';
import { useMarkRead, useNotifications } from './api.ts';
import { badgeText, bellLabel, notificationLink, unreadCount, type Notification } from './notifications.ts';
import './notifications.css';

/**
 * The bell in the top bar: the organisation's in-app notifications (budget alerts today; the API has no comment
 * mentions yet). Reading them needs the billing permission (admins and owners), so for other roles, and signed out,
 * there is no bell and no request.
 */
export function NotificationsBell({ session }: { session: Session | undefined }) {
  const role = session?.kind === 'signedIn' ? session.organisation.caller?.role : undefined;
  const allowed = role === 'ADMIN' || role === 'OWNER';
  const notifications = useNotifications(allowed);
  const markRead = useMarkRead();
  if (!allowed) return null;
  const items = notifications.data ?? [];
  const count = unreadCount(items);
  const badge = badgeText(count);
  return (
    <DialogTrigger>
      <Button className="bell-button" aria-label={bellLabel(count)}>
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
          <path
            fill="currentColor"
            d="M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2Zm5-5V7a5 5 0 0 0-4-4.9V1a1 1 0 1 0-2 0v1.1A5 5 0 0 0 3 7v4l-1.3 1.3A.6.6 0 0 0 2.1 13h11.8a.6.6 0 0 0 .4-1L13 11Z"
          />
        </svg>
        {badge ? <span className="bell-badge" aria-hidden="true">{badge}</span> : null}
      </Button>
      <Popover placement="bottom end" className="menu-popover bell-popover">
        <Dialog className="bell-dialog" aria-label="Notifications">
          <div className="bell-head">
            <Heading slot="title">Notifications</Heading>
            {count > 0 ? (
              <button
                type="button"
                className="link-button"
                disabled={markRead.isPending}
                onClick={() => markRead.mutate(items.filter((n) => !n.readAt).map((n) => n.id!))}
              >
                Mark all read
              </button>
            ) : null}
          </div>
          {notifications.isError ? <Problem error={notifications.error} what="Notifications" /> : null}
          {markRead.isError ? <Problem error={markRead.error} what="Mark as read" /> : null}
          {notifications.isPending ? <p className="muted bell-empty">Loading…</p> : null}
          {notifications.isSuccess && items.length === 0 ? (
            <p className="muted bell-empty">
              Nothing yet. Budget alerts appear here when usage crosses a budget’s threshold.
            </p>
          ) : null}
          <ul className="bell-list" aria-label="Notifications">
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} onRead={() => markRead.mutate([n.id!])} pending={markRead.isPending} />
            ))}
          </ul>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}

function NotificationItem({ notification, onRead, pending }: { notification: Notification; onRead: () => void; pending: boolean }) {
  const unread = !notification.readAt;
  const link = notificationLink(notification.kind);
  return (
    <li className={unread ? 'unread' : undefined}>
      <span className="bell-dot" aria-hidden="true" />
      <div className="bell-text">
        <div className="bell-title">
          {unread ? <span className="visually-hidden">Unread: </span> : null}
          {notification.title}
        </div>
        {notification.body ? <div className="muted bell-body">{notification.body}</div> : null}
        <div className="bell-meta muted">
          <RelativeTime iso={notification.createdAt} />
          {link ? <a href={link.href}>{link.label}</a> : null}
          {unread ? (
            <button type="button" className="link-button" disabled={pending} onClick={onRead} aria-label={`Mark “${notification.title}” as read`}>
              Mark read
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}
