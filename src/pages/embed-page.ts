// The page behind /embed/{room_code}: the meeting page without the page around it, for an
// iframe on another site, and the bridge that lets that site drive it (src/embed/ is its other
// half). The link's query works as /meeting's does.
import '../elements/convene-meeting/define.ts';
import { readAllowedOrigins } from './embed/allowed-origins.ts';
import { FrameBridge } from './embed/frame-bridge.ts';
import { mountMeeting } from './meeting-options.ts';

const meeting = document.querySelector('convene-meeting');
if (meeting && mountMeeting(meeting, 'embed')) new FrameBridge(meeting, readAllowedOrigins());
