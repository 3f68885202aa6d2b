import type { InjectionKey } from 'vue';

export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported';

/** The browser's notifications and page visibility, behind a port: tests provide a fake. */
export interface Notifier {
  permission(): NotifyPermission;
  /** Asks the browser; call it only from a user's action (browsers ignore or penalize other calls). */
  request(): Promise<NotifyPermission>;
  /** Whether the page is out of sight (another tab, minimized): only then is a notification useful. */
  hidden(): boolean;
  /** Shows one notification; activating it calls `onClick`. */
  show(title: string, body: string, tag: string, onClick: () => void): void;
  /** Takes back the notification shown under `tag`, if it is still up (its message was deleted). */
  close(tag: string): void;
}

export const NOTIFIER: InjectionKey<Notifier> = Symbol('notifier');

export function createBrowserNotifier(): Notifier {
  const supported = () => typeof Notification !== 'undefined';
  /** Notifications shown and not yet closed, by tag. */
  const open = new Map<string, Notification>();
  return {
    permission: () => (supported() ? Notification.permission : 'unsupported'),
    request: async () => (supported() ? Notification.requestPermission() : 'unsupported'),
    hidden: () => document.visibilityState === 'hidden',
    show(title, body, tag, onClick) {
      const notification = new Notification(title, { body, tag });
      open.set(tag, notification);
      notification.onclose = () => open.delete(tag);
      notification.onclick = () => {
        window.focus();
        onClick();
        notification.close();
      };
    },
    close(tag) {
      open.get(tag)?.close();
      open.delete(tag);
    },
  };
}
