// convene/embed: a Convene meeting in an iframe on any site, driven by typed commands and events.
export { createFrame, EmbedCommandError, FRAME_ALLOW } from './create-frame.ts';
export type { ConveneFrame, CreateFrameOptions, EmbedListener } from './create-frame.ts';
export { EMBED_PROTOCOL_VERSION } from './contract.ts';
export type {
  EmbedCommandName,
  EmbedCommandPayload,
  EmbedCommandResult,
  EmbedCommands,
  EmbedError,
  EmbedEventName,
  EmbedEvents,
  EmbedLayout,
  EmbedPeer,
  EmbedTheme,
} from './contract.ts';
