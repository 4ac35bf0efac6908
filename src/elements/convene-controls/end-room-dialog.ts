// The End room confirmation of <convene-controls>: a modal <dialog> with a "Lock the room"
// option. Focus moves to Cancel (the harmless choice) on opening, and back to the button that
// opened it on closing, however it closes (Cancel, Escape, or confirming).
import { html } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { ControlsStringKey } from './strings.ts';

export interface EndRoomDialogOptions {
  /** The room's shadow root, where the dialog is rendered. */
  root: () => ParentNode | null;
  /** The button that opens the dialog and takes focus back. */
  trigger: () => HTMLElement | null;
  /** The person confirmed; `lock` keeps everyone out afterwards. */
  confirm: (options: { lock: boolean }) => void;
}

export class EndRoomDialog implements ReactiveController {
  readonly #options: EndRoomDialogOptions;

  constructor(host: ReactiveControllerHost, options: EndRoomDialogOptions) {
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    // A dialog left open in a removed element would come back open, modal, on re-insertion.
    this.#dialog?.close();
  }

  get #dialog(): HTMLDialogElement | null {
    return this.#options.root()?.querySelector('dialog[part~="dialog"]') ?? null;
  }

  get #lock(): HTMLInputElement | null {
    return this.#dialog?.querySelector('input[type="checkbox"]') ?? null;
  }

  /** Asks; unlocked is the default each time. */
  open(): void {
    const dialog = this.#dialog;
    if (!dialog || dialog.open) return;
    if (this.#lock) this.#lock.checked = false;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[part~="dialog-cancel"]')?.focus();
  }

  #confirm = () => {
    const lock = this.#lock?.checked ?? false;
    this.#dialog?.close();
    this.#options.confirm({ lock });
  };

  // Focus goes back at once: the dialog's close event comes a task later (it still does it for
  // Escape, which closes the dialog without us).
  #cancel = () => {
    this.#dialog?.close();
    this.#options.trigger()?.focus();
  };

  #onClose = () => this.#options.trigger()?.focus();

  render(t: (key: ControlsStringKey) => string): TemplateResult {
    return html`<dialog
      part="dialog"
      aria-labelledby="end-room-title"
      aria-describedby="end-room-body"
      @close=${this.#onClose}
    >
      <h2 id="end-room-title" part="dialog-title">${t('endRoomTitle')}</h2>
      <p id="end-room-body" part="dialog-body">${t('endRoomBody')}</p>
      <label part="lock" class="lock">
        <input type="checkbox" aria-describedby="lock-hint" />
        <span>${t('lockRoom')}</span>
      </label>
      <p id="lock-hint" class="hint">${t('lockRoomHint')}</p>
      <div class="actions">
        <button type="button" part="dialog-cancel" class="secondary" @click=${this.#cancel}>
          ${t('cancel')}
        </button>
        <button type="button" part="dialog-confirm" class="danger" @click=${this.#confirm}>
          ${t('endRoom')}
        </button>
      </div>
    </dialog>`;
  }
}
