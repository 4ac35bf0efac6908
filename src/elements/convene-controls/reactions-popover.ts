// The reactions of <convene-controls>: a button opening a small popover of emoji. It closes on a
// pick, on Escape (focus back on its button) and when focus leaves it.
import { html } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { ControlsStringKey } from './strings.ts';

/** The reactions offered, sent as chat messages of type `reaction` (delivered, never kept). */
export const REACTIONS = [
  { emoji: '👍', name: 'reactionThumbsUp' },
  { emoji: '❤️', name: 'reactionHeart' },
  { emoji: '😂', name: 'reactionLaugh' },
  { emoji: '👏', name: 'reactionClap' },
  { emoji: '🎉', name: 'reactionParty' },
  { emoji: '😮', name: 'reactionSurprised' },
] as const satisfies readonly { emoji: string; name: ControlsStringKey }[];

export interface ReactionsPopoverOptions {
  /** The element's shadow root, where the popover is rendered. */
  root: () => ParentNode | null;
  /** The person picked `emoji`. */
  send: (emoji: string) => void;
}

export class ReactionsPopover implements ReactiveController {
  /** Whether the popover is showing. */
  open = false;

  readonly #host: ReactiveControllerHost;
  readonly #options: ReactionsPopoverOptions;

  constructor(host: ReactiveControllerHost, options: ReactionsPopoverOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.open = false;
  }

  /** Opens it with focus on the first reaction, or closes it. */
  async toggle(): Promise<void> {
    this.#set(!this.open);
    if (!this.open) return;
    await this.#host.updateComplete;
    this.#options.root()?.querySelector<HTMLElement>('[part~="reaction"]')?.focus();
  }

  #set(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    this.#host.requestUpdate();
  }

  #close(returnFocus: boolean): void {
    this.#set(false);
    if (returnFocus)
      this.#options.root()?.querySelector<HTMLElement>('[part~="reactions"]')?.focus();
  }

  #onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.#close(true);
  };

  #onFocusOut = (event: FocusEvent) => {
    const group = event.currentTarget as HTMLElement;
    const next = event.relatedTarget;
    if (!(next instanceof Node) || !group.contains(next)) this.#close(false);
  };

  #pick(emoji: string): void {
    this.#close(true);
    this.#options.send(emoji);
  }

  /** `button` is the bar's Reactions button; it must carry `part="reactions"` and aria-expanded. */
  render(t: (key: ControlsStringKey) => string, button: TemplateResult): TemplateResult {
    return html`<div class="reactions" @keydown=${this.#onKeyDown} @focusout=${this.#onFocusOut}>
      ${button}
      <div
        id="reactions-menu"
        part="reactions-menu"
        class="reactions-menu"
        role="group"
        aria-label=${t('reactionsMenu')}
        ?hidden=${!this.open}
      >
        ${REACTIONS.map(
          ({ emoji, name }) =>
            html`<button
              type="button"
              part="reaction"
              class="reaction"
              aria-label=${t(name)}
              title=${t(name)}
              @click=${() => this.#pick(emoji)}
            >
              ${emoji}
            </button>`,
        )}
      </div>
    </div>`;
  }
}
