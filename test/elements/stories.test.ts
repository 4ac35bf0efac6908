// Every story, rendered as Storybook renders it (its args, its globals through the story root,
// its decorators) on its simulated room, is accessible: axe finds no violation. CSF3 stories are
// plain objects, so no Storybook runtime is needed here.
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement, TemplateResult } from 'lit';
import '../../src/index.ts';
import * as chatStories from '../../stories/convene-chat.stories.ts';
import * as controlsStories from '../../stories/convene-controls.stories.ts';
import * as gridStories from '../../stories/convene-grid.stories.ts';
import * as hlsPlayerStories from '../../stories/convene-hls-player.stories.ts';
import * as meetingStories from '../../stories/convene-meeting.stories.ts';
import * as paginationStories from '../../stories/convene-pagination.stories.ts';
import * as participantListStories from '../../stories/convene-participant-list.stories.ts';
import * as previewStories from '../../stories/convene-preview.stories.ts';
import * as roleControlsStories from '../../stories/convene-role-controls.stories.ts';
import * as roomStories from '../../stories/convene-room.stories.ts';
import * as streamViewStories from '../../stories/convene-stream-view.stories.ts';
import * as streamingControlsStories from '../../stories/convene-streaming-controls.stories.ts';
import * as tileStories from '../../stories/convene-tile.stories.ts';
import * as toastsStories from '../../stories/convene-toasts.stories.ts';
import {
  animationsFinished,
  closeSimulatedRooms,
  simulatedRoomsSettled,
} from '../../stories/support/simulated.ts';
import { withStoryRoot } from '../../stories/support/story-root.ts';

// One entry per file in stories/*.stories.ts: the browser cannot list the folder, so a new
// stories file is added here by hand.
const STORY_MODULES: Record<string, Record<string, unknown>> = {
  'convene-grid': gridStories,
  'convene-pagination': paginationStories,
  'convene-room': roomStories,
  'convene-tile': tileStories,
  'convene-preview': previewStories,
  'convene-controls': controlsStories,
  'convene-chat': chatStories,
  'convene-participant-list': participantListStories,
  'convene-role-controls': roleControlsStories,
  'convene-toasts': toastsStories,
  'convene-meeting': meetingStories,
  'convene-streaming-controls': streamingControlsStories,
  'convene-stream-view': streamViewStories,
  'convene-hls-player': hlsPlayerStories,
};

const DEFAULT_GLOBALS = { theme: 'light', lang: 'en', dir: 'ltr' };

type Render = (args: Record<string, unknown>, context: unknown) => TemplateResult;
type Decorate = (story: () => unknown, context: unknown) => unknown;

interface StoryParts {
  args?: Record<string, unknown>;
  globals?: Record<string, unknown>;
  render?: Render;
  decorators?: Decorate | Decorate[];
}

function asList(decorators: StoryParts['decorators']): Decorate[] {
  return decorators === undefined ? [] : Array.isArray(decorators) ? decorators : [decorators];
}

/** The story's template as Storybook composes it: story decorators inside meta's, inside the root. */
function compose(meta: StoryParts, story: StoryParts): unknown {
  const args = { ...meta.args, ...story.args };
  const globals = { ...DEFAULT_GLOBALS, ...meta.globals, ...story.globals };
  const context = { args, globals, parameters: {}, argTypes: {} };
  const render = story.render ?? meta.render;
  if (!render) throw new Error('a story without a render function');
  let storyFn: () => unknown = () => render(args, context);
  const decorators = [
    ...asList(story.decorators),
    ...asList(meta.decorators),
    withStoryRoot as unknown as Decorate,
  ];
  for (const decorate of decorators) {
    const inner = storyFn;
    storyFn = () => decorate(inner, context);
  }
  return storyFn();
}

/** Every convene-* element under `root`, through shadow roots. */
function conveneElements(root: ParentNode): LitElement[] {
  const found: LitElement[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.localName.startsWith('convene-')) found.push(element as LitElement);
    if (element.shadowRoot) found.push(...conveneElements(element.shadowRoot));
  }
  return found;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * The room has joined and scripted, the grid measured itself, every element re-rendered and
 * every animation ended.
 */
async function settle(root: HTMLElement): Promise<void> {
  await simulatedRoomsSettled();
  for (let round = 0; round < 3; round++) {
    await frame();
    await Promise.all(conveneElements(root).map((element) => element.updateComplete));
  }
  // axe reads colours as drawn: a toast sliding in or a button's transition is checked at rest.
  await animationsFinished();
  await frame();
}

for (const [file, module] of Object.entries(STORY_MODULES)) {
  const { default: meta, ...stories } = module as { default: StoryParts } & Record<
    string,
    StoryParts
  >;
  describe(`stories/${file}.stories.ts`, () => {
    afterEach(closeSimulatedRooms);

    for (const [name, story] of Object.entries(stories)) {
      it(`${name} renders accessibly`, async () => {
        const root = await fixture<HTMLElement>(html`${compose(meta, story)}`);
        await settle(root);
        const shown = conveneElements(root);
        expect(shown.length, 'the story shows Convene elements').to.be.above(0);
        // One that src/index.ts leaves to be loaded lazily is imported by its stories file.
        const undefinedTags = shown.filter((element) => !customElements.get(element.localName));
        expect(
          undefinedTags.map((element) => element.localName),
          'undefined elements',
        ).to.deep.equal([]);
        await expect(root).to.be.accessible();
      });
    }
  });
}
