// <convene-preview>, the pre-join screen, on devices of the story's own (navigator.mediaDevices
// replaced for that story): a camera and a microphone, the camera refused, no devices at all,
// and the toggles off; with the page's theme, language and direction.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { withMediaDevices } from './support/media-devices.ts';

interface PreviewArgs {
  /** The name in the field at first. */
  name: string;
  /** The microphone toggle at first. */
  audio: boolean;
  /** The camera toggle at first. */
  video: boolean;
}

const meta = {
  title: 'Elements/convene-preview',
  component: 'convene-preview',
  args: { name: 'Ada', audio: true, video: true },
  argTypes: {
    name: { control: 'text' },
    audio: { control: 'boolean' },
    video: { control: 'boolean' },
  },
  render: ({ name, audio, video }) =>
    html`<div style="max-width: 720px">
      <convene-preview .name=${name} .audio=${audio} .video=${video}></convene-preview>
    </div>`,
  decorators: [withMediaDevices({})],
} satisfies Meta<PreviewArgs>;

export default meta;
type Story = StoryObj<PreviewArgs>;

/** Camera and microphone granted: the self-view moves and the meter follows the tone. */
export const CameraOn: Story = {};

/** The camera is blocked in the site settings: what to do, and Try again; the microphone works. */
export const CameraDenied: Story = {
  decorators: [withMediaDevices({ camera: 'denied' })],
};

/** Both blocked. */
export const CameraAndMicrophoneDenied: Story = {
  decorators: [withMediaDevices({ camera: 'denied', microphone: 'denied' })],
};

/** No camera or microphone connected: join without them. */
export const NoDevices: Story = {
  decorators: [withMediaDevices({ camera: 'none', microphone: 'none' })],
};

/** The person turned both off before joining. */
export const TogglesOff: Story = { args: { audio: false, video: false } };

/** Join refuses an empty name. */
export const NoName: Story = { args: { name: '' } };

/** A phone's screen in portrait (390 px wide). */
export const Phone: Story = {
  render: ({ name, audio, video }) =>
    html`<div style="width: 390px; max-width: 100%">
      <convene-preview .name=${name} .audio=${audio} .video=${video}></convene-preview>
    </div>`,
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const Spanish: Story = {
  globals: { lang: 'es' },
  decorators: [withMediaDevices({ camera: 'denied' })],
};

export const RightToLeft: Story = { globals: { dir: 'rtl' } };
