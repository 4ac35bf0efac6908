// The control bar's keyboard map, heard on the document while the bar is connected, so a person
// can mute without finding the bar first; never while they are typing.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ControlsShortcut = 'microphone' | 'camera' | 'hand' | 'chat';

/**
 * Which control a key press is for, or undefined.
 *
 * - Ctrl+D (Cmd+D on a Mac): microphone; Ctrl+E (Cmd+E): camera. Google Meet's keys, so many
 *   people already know them; they shadow the browser's "bookmark" and "search" keys, which is
 *   acceptable only while a call is on screen, hence document-level only while connected.
 * - Alt+H (Option+H): raise or lower the hand; Alt+C (Option+C): open or close the chat. A lone
 *   Alt letter is free in Chromium and Safari; matched on the physical key, since Option+H types
 *   "˙" on a Mac. Ctrl+Alt is left alone: on Windows it is AltGr, which types characters on many
 *   layouts.
 *
 * A press with any other modifier (Shift, or Ctrl and Cmd together) is not a shortcut.
 */
export function shortcutFor(event: KeyboardEvent): ControlsShortcut | undefined {
  const { ctrlKey, metaKey, altKey, shiftKey } = event;
  if (shiftKey) return undefined;
  if (ctrlKey !== metaKey && !altKey) {
    const key = event.key.toLowerCase();
    if (key === 'd') return 'microphone';
    if (key === 'e') return 'camera';
    return undefined;
  }
  if (altKey && !ctrlKey && !metaKey) {
    if (event.code === 'KeyH') return 'hand';
    if (event.code === 'KeyC') return 'chat';
  }
  return undefined;
}

/** Whether a key press goes into text: an input, a textarea, a select or editable content. */
export function isTyping(event: Event): boolean {
  // composedPath()[0] is the real target even inside shadow roots (a chat box in a panel).
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.isContentEditable
  );
}

/** Calls `run` for each shortcut pressed on the document while the host is connected. */
export class ControlsShortcutsController implements ReactiveController {
  readonly #run: (shortcut: ControlsShortcut) => boolean;
  readonly #onKeyDown = (event: KeyboardEvent) => {
    // A second bar on the page (or the page itself) that already took the key leaves it be.
    if (event.defaultPrevented || event.repeat || isTyping(event)) return;
    const shortcut = shortcutFor(event);
    if (shortcut && this.#run(shortcut)) event.preventDefault();
  };

  /** `run` answers whether it handled the shortcut (a control the role lacks does not). */
  constructor(host: ReactiveControllerHost, run: (shortcut: ControlsShortcut) => boolean) {
    this.#run = run;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.#onKeyDown);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.#onKeyDown);
  }
}
