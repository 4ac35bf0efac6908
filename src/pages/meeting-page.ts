// The page behind /meeting/{room_code}: <convene-meeting> for the code in the path, set up from
// the link's query (meeting-options.ts).
// The page registers only <convene-meeting>, not the public entry: that one exports the room
// client too, which would put the client in the page's first download instead of at Join.
import '../elements/convene-meeting/define.ts';
import { mountMeeting } from './meeting-options.ts';

const meeting = document.querySelector('convene-meeting');
if (meeting) mountMeeting(meeting, 'meeting');
