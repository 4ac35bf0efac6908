// <convene-pagination>: Previous / Next buttons around "Page X of Y", for the grid's pages or any
// list a page shows a page of. It keeps its own `page` and tells the page when the user turns it.
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { ChevronLeft, ChevronRight } from 'lucide';
import { ConvenePageChangeEvent } from '../../events/convene-page-change.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { icon } from '../../styles/icons.ts';
import { LocalizeController } from '../i18n/localize.ts';
import styles from './convene-pagination.styles.ts';
import { STRINGS } from './strings.ts';

/**
 * The change in page number for a key, in a left-to-right page; ArrowLeft and ArrowRight swap
 * in a right-to-left one, where the next page lies to the left.
 */
export const PAGE_KEYS: Readonly<Record<string, number>> = {
  PageDown: 1,
  ArrowRight: 1,
  PageUp: -1,
  ArrowLeft: -1,
};

/** The page step a key asks for in an element laid out `rtl` or not; undefined for other keys. */
export function pageStep(event: KeyboardEvent, rtl: boolean): number | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const step = PAGE_KEYS[event.key];
  if (step === undefined) return undefined;
  return rtl && event.key.startsWith('Arrow') ? -step : step;
}

/** Whether `element` is laid out right to left (its own `dir` or an ancestor's). */
export function isRightToLeft(element: Element): boolean {
  return getComputedStyle(element).direction === 'rtl';
}

/**
 * @summary Previous / Next page buttons and a "Page X of Y" status.
 *
 * The buttons are never `disabled` at the ends, only `aria-disabled`: a button that disabled
 * itself under the focus would drop the focus to the page's body. While a button has focus,
 * PageUp/PageDown and ArrowLeft/ArrowRight turn the page too (the arrows swap in a right-to-left
 * page, and so do the chevrons).
 *
 * @event convene-page-change - The user turned the page. `detail: { page, pageCount }`.
 *
 * @csspart base - The labelled group holding buttons and status.
 * @csspart page-button - Both buttons; also previous-page and next-page.
 * @csspart previous-page - The Previous button.
 * @csspart next-page - The Next button.
 * @csspart page-status - "Page X of Y", a polite live status.
 * @csspart icon - The chevrons.
 *
 * @cssproperty --convene-color-tile - The buttons' background.
 * @cssproperty --convene-radius-control - The buttons' corner radius.
 */
export class ConvenePagination extends LitElement {
  static override styles = [componentStyles, styles];

  readonly #t = new LocalizeController(this, STRINGS);

  /** The page shown, from 1; outside 1 to `page-count` the nearest page is shown. */
  @property({ type: Number }) page = 1;

  /** How many pages there are (at least 1). */
  @property({ type: Number, attribute: 'page-count' }) pageCount = 1;

  /** The group's accessible name; "Pages" in the element's language when unset. */
  @property() label?: string;

  /** The page shown now, `page` kept between 1 and `pageCount`. */
  get shownPage(): number {
    const count = this.shownPageCount;
    return Math.min(Math.max(1, Math.floor(this.page) || 1), count);
  }

  private get shownPageCount(): number {
    return Math.max(1, Math.floor(this.pageCount) || 1);
  }

  private turnTo(page: number): void {
    const next = Math.min(Math.max(1, page), this.shownPageCount);
    if (next === this.shownPage) return;
    this.page = next;
    this.dispatchEvent(new ConvenePageChangeEvent({ page: next, pageCount: this.shownPageCount }));
  }

  private onKeyDown(event: KeyboardEvent): void {
    const step = pageStep(event, isRightToLeft(this));
    if (step === undefined) return;
    // Handled here: a grid around us leaves the key alone.
    event.preventDefault();
    this.turnTo(this.shownPage + step);
  }

  override render() {
    const page = this.shownPage;
    const count = this.shownPageCount;
    return html`<div
      part="base"
      class="pagination"
      role="group"
      aria-label=${this.label ?? this.#t.t('label')}
      @keydown=${this.onKeyDown}
    >
      <button
        part="page-button previous-page"
        type="button"
        aria-label=${this.#t.t('previous')}
        aria-disabled=${page <= 1 ? 'true' : 'false'}
        @click=${() => this.turnTo(page - 1)}
      >
        ${icon(ChevronLeft)}
      </button>
      <span part="page-status" class="page-status" role="status"
        >${this.#t.t('status', { page, count })}</span
      >
      <button
        part="page-button next-page"
        type="button"
        aria-label=${this.#t.t('next')}
        aria-disabled=${page >= count ? 'true' : 'false'}
        @click=${() => this.turnTo(page + 1)}
      >
        ${icon(ChevronRight)}
      </button>
    </div>`;
  }
}
