import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConvenePagination } from '../../src/elements/convene-pagination/convene-pagination.ts';
import '../../src/elements/convene-pagination/define.ts';
import type { ConvenePageChangeEvent } from '../../src/events/convene-page-change.ts';

function part(pagination: ConvenePagination, name: string): HTMLElement {
  return pagination.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
}

function status(pagination: ConvenePagination): string {
  return part(pagination, 'page-status').textContent!.trim();
}

async function paginationAt(page: number, pageCount: number, dir = 'ltr') {
  const box = await fixture<HTMLDivElement>(
    html`<div dir=${dir}>
      <convene-pagination page=${page} page-count=${pageCount}></convene-pagination>
    </div>`,
  );
  return box.querySelector('convene-pagination')!;
}

/** Collects the pages of every convene-page-change the element fires. */
function pagesFrom(pagination: ConvenePagination): number[] {
  const pages: number[] = [];
  pagination.addEventListener('convene-page-change', (event) => pages.push(event.detail.page));
  return pages;
}

describe('<convene-pagination>', () => {
  it('shows "Page X of Y" in a status between labelled Previous and Next buttons', async () => {
    const pagination = await paginationAt(2, 5);
    expect(status(pagination)).to.equal('Page 2 of 5');
    expect(part(pagination, 'page-status').getAttribute('role')).to.equal('status');
    expect(part(pagination, 'previous-page').getAttribute('aria-label')).to.equal('Previous page');
    expect(part(pagination, 'next-page').getAttribute('aria-label')).to.equal('Next page');
    expect(part(pagination, 'base').getAttribute('aria-label')).to.equal('Pages');
  });

  it('is accessible', async () => {
    const pagination = await paginationAt(1, 3);
    await expect(pagination).to.be.accessible();
  });

  it('survives immediate removal', async () => {
    const pagination = document.createElement('convene-pagination');
    document.body.append(pagination);
    pagination.remove();
    await pagination.updateComplete;
    expect(pagination.isConnected).to.equal(false);
  });

  it('takes its accessible name from label', async () => {
    const pagination = await paginationAt(1, 3);
    pagination.label = 'Search results';
    await pagination.updateComplete;
    expect(part(pagination, 'base').getAttribute('aria-label')).to.equal('Search results');
  });

  it('marks Previous aria-disabled on the first page and Next on the last, never disabled', async () => {
    const pagination = await paginationAt(1, 3);
    const previous = part(pagination, 'previous-page') as HTMLButtonElement;
    const next = part(pagination, 'next-page') as HTMLButtonElement;
    expect(previous.getAttribute('aria-disabled')).to.equal('true');
    expect(next.getAttribute('aria-disabled')).to.equal('false');

    pagination.page = 3;
    await pagination.updateComplete;
    expect(previous.getAttribute('aria-disabled')).to.equal('false');
    expect(next.getAttribute('aria-disabled')).to.equal('true');
    expect(previous.disabled || next.disabled).to.equal(false);
  });

  it('turns the page with the buttons, updating its page and firing convene-page-change', async () => {
    const pagination = await paginationAt(1, 3);
    const changed = oneEvent(pagination, 'convene-page-change') as Promise<ConvenePageChangeEvent>;
    part(pagination, 'next-page').click();
    const event = await changed;
    expect(event.detail).to.deep.equal({ page: 2, pageCount: 3 });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(pagination.page).to.equal(2);
    await pagination.updateComplete;
    expect(status(pagination)).to.equal('Page 2 of 3');
  });

  it('does not turn past either end, and fires nothing there', async () => {
    const pagination = await paginationAt(1, 2);
    const pages = pagesFrom(pagination);
    part(pagination, 'previous-page').click();
    pagination.page = 2;
    await pagination.updateComplete;
    part(pagination, 'next-page').click();
    expect(pages).to.deep.equal([]);
    expect(pagination.page).to.equal(2);
  });

  it('fires nothing when code sets the page', async () => {
    const pagination = await paginationAt(1, 4);
    const pages = pagesFrom(pagination);
    pagination.page = 3;
    await pagination.updateComplete;
    expect(status(pagination)).to.equal('Page 3 of 4');
    expect(pages).to.deep.equal([]);
  });

  it('shows the nearest page for a page out of range', async () => {
    const pagination = await paginationAt(9, 4);
    expect(status(pagination)).to.equal('Page 4 of 4');
  });

  it('turns the page with PageDown, PageUp and the arrow keys', async () => {
    const pagination = await paginationAt(1, 3);
    const pages = pagesFrom(pagination);
    part(pagination, 'next-page').focus();
    await sendKeys({ press: 'PageDown' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'PageUp' });
    expect(pages).to.deep.equal([2, 3, 2, 1]);
  });

  it('swaps ArrowLeft and ArrowRight in a right-to-left page, and turns the chevrons', async () => {
    const pagination = await paginationAt(2, 3, 'rtl');
    const pages = pagesFrom(pagination);
    part(pagination, 'previous-page').focus();
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(pages).to.deep.equal([3, 2, 1]);

    const chevron = part(pagination, 'previous-page').querySelector('svg')!;
    expect(getComputedStyle(chevron).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
  });

  it('keeps the chevrons as drawn in a left-to-right page', async () => {
    const pagination = await paginationAt(2, 3);
    const chevron = part(pagination, 'previous-page').querySelector('svg')!;
    expect(getComputedStyle(chevron).transform).to.equal('none');
  });

  it('speaks the page language', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div lang="de"><convene-pagination page="2" page-count="3"></convene-pagination></div>`,
    );
    const pagination = box.querySelector('convene-pagination')!;
    expect(status(pagination)).to.equal('Seite 2 von 3');
    expect(part(pagination, 'next-page').getAttribute('aria-label')).to.equal('Nächste Seite');
  });
});
