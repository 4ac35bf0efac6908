// The page behind /meeting/{room_code}: <convene-meeting> for the code in the path. As in 100ms's
// prebuilt links, the query sets what the person would otherwise choose: `?name=Ada&skip_preview=true`
// joins at once with that name; `audio=false` / `video=false` start with the microphone / camera
// off; `lang` (en, es, de) and `theme` (light, dark) override the browser's.
// The page registers only <convene-meeting>, not the public entry: that one exports the room
// client too, which would put the client in the page's first download instead of at Join.
import '../elements/convene-meeting/define.ts';

const THEMES = new Set(['light', 'dark', 'auto']);

function roomCodeFromPath(pathname: string): string {
  return decodeURIComponent(pathname.split('/').filter(Boolean).pop() ?? '');
}

function mountMeeting(): void {
  const params = new URLSearchParams(location.search);
  const roomCode = roomCodeFromPath(location.pathname);
  const meeting = document.querySelector('convene-meeting');
  if (!meeting) return;
  if (!roomCode || roomCode === 'meeting') {
    meeting.replaceWith(
      Object.assign(document.createElement('p'), {
        className: 'no-code',
        textContent: 'This link has no room code. Ask whoever sent it for the whole link.',
      }),
    );
    return;
  }
  const lang = params.get('lang');
  if (lang) document.documentElement.lang = lang;
  const theme = params.get('theme');
  if (theme && THEMES.has(theme)) meeting.theme = theme as 'light' | 'dark' | 'auto';
  meeting.name = params.get('name') ?? '';
  if (params.get('audio') === 'false') meeting.microphone = 'off';
  if (params.get('video') === 'false') meeting.camera = 'off';
  meeting.skipPreview = params.get('skip_preview') === 'true';
  // Last: with every option set, the meeting starts (a skip-preview join reads them).
  meeting.roomCode = roomCode;
}

mountMeeting();
