// <convene-pagination> alone, paging a list of its own: the first page, one in the middle, the
// last, and a right-to-left page where the chevrons and arrow keys turn round.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ConvenePageChangeEvent } from '../src/events/convene-page-change.ts';

interface PaginationArgs {
  page: number;
  pageCount: number;
  /** The group's accessible name; empty for the default ("Pages"). */
  label: string;
}

function renderPagination({ page, pageCount, label }: PaginationArgs) {
  // A page of its own list: the status below follows the user's turns.
  const onChange = (event: ConvenePageChangeEvent) => {
    const shown = (event.target as Element).nextElementSibling;
    if (shown)
      shown.textContent = `Showing items ${(event.detail.page - 1) * 10 + 1} to ${event.detail.page * 10}`;
  };
  return html`<convene-pagination
      page=${page}
      page-count=${pageCount}
      label=${label || 'Pages'}
      @convene-page-change=${onChange}
    ></convene-pagination>
    <p>Showing items ${(page - 1) * 10 + 1} to ${page * 10}</p>`;
}

const meta = {
  title: 'Elements/convene-pagination',
  component: 'convene-pagination',
  args: { page: 1, pageCount: 5, label: '' },
  argTypes: {
    page: { control: { type: 'number', min: 1 } },
    pageCount: { control: { type: 'number', min: 1 } },
  },
  render: renderPagination,
} satisfies Meta<PaginationArgs>;

export default meta;
type Story = StoryObj<PaginationArgs>;

export const FirstPage: Story = {};

export const MiddlePage: Story = { args: { page: 3 } };

export const LastPage: Story = { args: { page: 5 } };

export const RightToLeft: Story = { args: { page: 3 }, globals: { dir: 'rtl' } };

export const German: Story = { args: { page: 2 }, globals: { lang: 'de' } };
