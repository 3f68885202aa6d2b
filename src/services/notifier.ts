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
}

export const NOTIFIER: InjectionKey<Notifier> = Symbol('notifier');

export function createBrowserNotifier(): Notifier {
  const supported = () => typeof Notification !== 'undefined';
  return {
    permission: () => (supported() ? Notification.permission : 'unsupported'),
    request: async () => (supported() ? Notification.requestPermission() : 'unsupported'),
    hidden: () => document.visibilityState === 'hidden',
    show(title, body, tag, onClick) {
      const notification = new Notification(title, { body, tag });
      notification.onclick = () => {
        window.focus();
        onClick();
        notification.close();
      };
    },
  };
}
