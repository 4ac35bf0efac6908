// React components for Convene's elements, made with @lit/react: props set the element's
// properties, `on<Event>` props listen to its typed events (`onConveneJoined` gets a
// ConveneJoinedEvent). Importing this module registers nothing and touches no DOM, so it is safe
// in server rendering; a component registers its element (with the elements it renders) the
// first time it renders in a browser, by loading that element's define module.
import React from 'react';
import { createComponent } from '@lit/react';
import type { EventName, ReactWebComponent } from '@lit/react';
import { ConveneAudioRenderer as ConveneAudioRendererElement } from '../elements/convene-audio-renderer/convene-audio-renderer.ts';
import { ConveneChat as ConveneChatElement } from '../elements/convene-chat/convene-chat.ts';
import { ConveneControls as ConveneControlsElement } from '../elements/convene-controls/convene-controls.ts';
import { ConveneGrid as ConveneGridElement } from '../elements/convene-grid/convene-grid.ts';
import { ConveneHlsPlayer as ConveneHlsPlayerElement } from '../elements/convene-hls-player/convene-hls-player.ts';
import { ConveneMeeting as ConveneMeetingElement } from '../elements/convene-meeting/convene-meeting.ts';
import { ConvenePagination as ConvenePaginationElement } from '../elements/convene-pagination/convene-pagination.ts';
import { ConveneParticipantList as ConveneParticipantListElement } from '../elements/convene-participant-list/convene-participant-list.ts';
import { ConvenePreview as ConvenePreviewElement } from '../elements/convene-preview/convene-preview.ts';
import { ConveneRoleControls as ConveneRoleControlsElement } from '../elements/convene-role-controls/convene-role-controls.ts';
import { ConveneRoom as ConveneRoomElement } from '../elements/convene-room/convene-room.ts';
import { ConveneStreamView as ConveneStreamViewElement } from '../elements/convene-stream-view/convene-stream-view.ts';
import { ConveneStreamingControls as ConveneStreamingControlsElement } from '../elements/convene-streaming-controls/convene-streaming-controls.ts';
import { ConveneTile as ConveneTileElement } from '../elements/convene-tile/convene-tile.ts';
import { ConveneToasts as ConveneToastsElement } from '../elements/convene-toasts/convene-toasts.ts';
import type { ConveneErrorEvent } from '../events/convene-error.ts';
import type { ConveneHandRaisedEvent } from '../events/convene-hand-raised.ts';
import type { ConveneHlsStateEvent } from '../events/convene-hls-state.ts';
import type { ConveneJoinedEvent } from '../events/convene-joined.ts';
import type { ConveneLeftEvent } from '../events/convene-left.ts';
import type { ConveneLiveStateEvent } from '../events/convene-live-state.ts';
import type { ConveneMessageEvent } from '../events/convene-message.ts';
import type { ConvenePageChangeEvent } from '../events/convene-page-change.ts';
import type { ConvenePanelToggleEvent } from '../events/convene-panel-toggle.ts';
import type { ConvenePeerJoinedEvent } from '../events/convene-peer-joined.ts';
import type { ConvenePeerLeftEvent } from '../events/convene-peer-left.ts';
import type { ConvenePinChangeEvent } from '../events/convene-pin-change.ts';
import type { ConvenePreviewJoinEvent } from '../events/convene-preview-join.ts';
import type { ConveneReconnectedEvent } from '../events/convene-reconnected.ts';
import type { ConveneReconnectingEvent } from '../events/convene-reconnecting.ts';
import type { ConveneRecordingStateEvent } from '../events/convene-recording-state.ts';
import type { ConveneRoleChangedEvent } from '../events/convene-role-changed.ts';
import type { ConveneTimedMetadataEvent } from '../events/convene-timed-metadata.ts';

type EventProps = Record<string, EventName>;

const onError = { onConveneError: 'convene-error' as EventName<ConveneErrorEvent> };
const roomEvents = {
  onConveneJoined: 'convene-joined' as EventName<ConveneJoinedEvent>,
  onConveneLeft: 'convene-left' as EventName<ConveneLeftEvent>,
  ...onError,
};
/** What <convene-meeting> tells of the room while I am in the call. */
const meetingEvents = {
  ...roomEvents,
  onConvenePeerJoined: 'convene-peer-joined' as EventName<ConvenePeerJoinedEvent>,
  onConvenePeerLeft: 'convene-peer-left' as EventName<ConvenePeerLeftEvent>,
  onConveneMessage: 'convene-message' as EventName<ConveneMessageEvent>,
  onConveneHandRaised: 'convene-hand-raised' as EventName<ConveneHandRaisedEvent>,
  onConveneRoleChanged: 'convene-role-changed' as EventName<ConveneRoleChangedEvent>,
  onConveneRecordingState: 'convene-recording-state' as EventName<ConveneRecordingStateEvent>,
  onConveneLiveState: 'convene-live-state' as EventName<ConveneLiveStateEvent>,
};
const onPageChange = {
  onConvenePageChange: 'convene-page-change' as EventName<ConvenePageChangeEvent>,
};
const onPinChange = {
  onConvenePinChange: 'convene-pin-change' as EventName<ConvenePinChangeEvent>,
};

/**
 * A React component for `tagName`: @lit/react's, which registers the element by `define` when
 * it first renders in a browser (never on import, never on a server).
 */
function wrap<I extends HTMLElement, E extends EventProps>(
  tagName: string,
  elementClass: new () => I,
  define: () => Promise<unknown>,
  events: E,
): ReactWebComponent<I, E> {
  const displayName = elementClass.name;
  const Component = createComponent({ react: React, tagName, elementClass, events, displayName });
  let defining: Promise<unknown> | undefined;
  // The props are the component's own, passed through untouched: typed by the returned type.
  const Defining = React.forwardRef<I, Record<string, unknown>>((props, ref) => {
    if (typeof customElements !== 'undefined' && !customElements.get(tagName)) {
      // A failed load leaves the tag unknown, as a missing script would; the next render retries.
      defining ??= define().catch((error: unknown) => {
        defining = undefined;
        console.error(`<${tagName}> could not be loaded`, error);
      });
    }
    return React.createElement(Component as React.ElementType, { ...props, ref });
  });
  Defining.displayName = displayName;
  return Defining as unknown as ReactWebComponent<I, E>;
}

/** <convene-meeting>: the prebuilt meeting. */
export const ConveneMeeting = /* @__PURE__ */ wrap(
  'convene-meeting',
  ConveneMeetingElement,
  () => import('../elements/convene-meeting/define.ts'),
  meetingEvents,
);

/** <convene-room>: joins a room and provides its client to the elements inside. */
export const ConveneRoom = /* @__PURE__ */ wrap(
  'convene-room',
  ConveneRoomElement,
  () => import('../elements/convene-room/define.ts'),
  {
    ...roomEvents,
    onConveneReconnecting: 'convene-reconnecting' as EventName<ConveneReconnectingEvent>,
    onConveneReconnected: 'convene-reconnected' as EventName<ConveneReconnectedEvent>,
  },
);

/** <convene-preview>: the pre-join screen. */
export const ConvenePreview = /* @__PURE__ */ wrap(
  'convene-preview',
  ConvenePreviewElement,
  () => import('../elements/convene-preview/define.ts'),
  { onConvenePreviewJoin: 'convene-preview-join' as EventName<ConvenePreviewJoinEvent> },
);

/** <convene-grid>: the room's video tiles, paged, with a stage. */
export const ConveneGrid = /* @__PURE__ */ wrap(
  'convene-grid',
  ConveneGridElement,
  () => import('../elements/convene-grid/define.ts'),
  { ...onPageChange, ...onPinChange },
);

/** <convene-tile>: one peer's camera or screen. */
export const ConveneTile = /* @__PURE__ */ wrap(
  'convene-tile',
  ConveneTileElement,
  () => import('../elements/convene-tile/define.ts'),
  onPinChange,
);

/** <convene-pagination>: Previous / Next and "Page X of Y". */
export const ConvenePagination = /* @__PURE__ */ wrap(
  'convene-pagination',
  ConvenePaginationElement,
  () => import('../elements/convene-pagination/define.ts'),
  onPageChange,
);

/** <convene-controls>: the call's control bar. */
export const ConveneControls = /* @__PURE__ */ wrap(
  'convene-controls',
  ConveneControlsElement,
  () => import('../elements/convene-controls/define.ts'),
  {
    onConvenePanelToggle: 'convene-panel-toggle' as EventName<ConvenePanelToggleEvent>,
    ...onError,
  },
);

/** <convene-chat>: the room's chat. */
export const ConveneChat = /* @__PURE__ */ wrap(
  'convene-chat',
  ConveneChatElement,
  () => import('../elements/convene-chat/define.ts'),
  {},
);

/** <convene-participant-list>: everyone in the room, with the host's actions. */
export const ConveneParticipantList = /* @__PURE__ */ wrap(
  'convene-participant-list',
  ConveneParticipantListElement,
  () => import('../elements/convene-participant-list/define.ts'),
  onError,
);

/** <convene-role-controls>: the actions the viewer's role permits on one peer. */
export const ConveneRoleControls = /* @__PURE__ */ wrap(
  'convene-role-controls',
  ConveneRoleControlsElement,
  () => import('../elements/convene-role-controls/define.ts'),
  onError,
);

/** <convene-toasts>: what happens in the room, told in toasts. */
export const ConveneToasts = /* @__PURE__ */ wrap(
  'convene-toasts',
  ConveneToastsElement,
  () => import('../elements/convene-toasts/define.ts'),
  {},
);

/** <convene-audio-renderer>: plays the room's remote audio. */
export const ConveneAudioRenderer = /* @__PURE__ */ wrap(
  'convene-audio-renderer',
  ConveneAudioRendererElement,
  () => import('../elements/convene-audio-renderer/define.ts'),
  {},
);

/** <convene-streaming-controls>: Live and Recording badges, Go live and Record. */
export const ConveneStreamingControls = /* @__PURE__ */ wrap(
  'convene-streaming-controls',
  ConveneStreamingControlsElement,
  () => import('../elements/convene-streaming-controls/define.ts'),
  onError,
);

/** <convene-stream-view>: the live stream, for a role that only watches. */
export const ConveneStreamView = /* @__PURE__ */ wrap(
  'convene-stream-view',
  ConveneStreamViewElement,
  () => import('../elements/convene-stream-view/define.ts'),
  {},
);

/** <convene-hls-player>: plays a live HLS stream close to the live edge. */
export const ConveneHlsPlayer = /* @__PURE__ */ wrap(
  'convene-hls-player',
  ConveneHlsPlayerElement,
  () => import('../elements/convene-hls-player/define.ts'),
  {
    onConveneHlsState: 'convene-hls-state' as EventName<ConveneHlsStateEvent>,
    onConveneTimedMetadata: 'convene-timed-metadata' as EventName<ConveneTimedMetadataEvent>,
  },
);
