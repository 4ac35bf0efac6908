// The toasts <convene-toasts> holds, as immutable lists: what each says (kept as data, so that a
// change of language re-words it), which live region it belongs to, and which go first when
// there are too many.
import type { ActionRequest } from '../../client/room-state.ts';

/** The kinds of toast, as `silent-types` names them. */
export const TOAST_TYPES = [
  'join',
  'leave',
  'hand',
  'connection',
  'error',
  'role',
  'request',
] as const;
export type ToastType = (typeof TOAST_TYPES)[number];

export type ToastContent =
  | { type: 'join' | 'leave'; names: readonly string[] }
  | { type: 'hand'; name: string }
  | { type: 'connection'; state: 'reconnecting' | 'reconnected' }
  | { type: 'error'; message: string }
  | { type: 'role'; role: string }
  | { type: 'request'; request: ActionRequest; answering?: boolean };

export type Toast = ToastContent & { id: string };

/** Errors and requests go to the assertive region; the rest are announced politely. */
export function isAlert(toast: Toast): boolean {
  return toast.type === 'error' || toast.type === 'request';
}

/**
 * Whether a toast stays until it is answered, dismissed or over: requests (until answered or
 * expired), errors (a person should get to read them) and a connection being restored.
 */
export function isPersistent(toast: Toast): boolean {
  return (
    toast.type === 'request' ||
    toast.type === 'error' ||
    (toast.type === 'connection' && toast.state === 'reconnecting')
  );
}

/**
 * `toasts` with `toast` added last, keeping at most `max`: the oldest go first, but requests
 * waiting for an answer are never dropped (so there may be more than `max` of those).
 */
export function addToast(toasts: readonly Toast[], toast: Toast, max: number): Toast[] {
  const next = [...toasts, toast];
  while (next.length > Math.max(1, max)) {
    const oldest = next.findIndex((candidate) => candidate.type !== 'request');
    if (oldest === -1) break;
    next.splice(oldest, 1);
  }
  return next;
}

/**
 * The shown join (or leave) toast that `names` join, making a burst one toast ("Ada and 3 others
 * joined"): the newest toast, if it is of the same type and still shown.
 */
export function batchInto(toasts: readonly Toast[], type: 'join' | 'leave'): Toast | undefined {
  const newest = toasts[toasts.length - 1];
  return newest?.type === type ? newest : undefined;
}
