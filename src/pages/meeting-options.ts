// What a meeting link's path and query set on <convene-meeting>, for /meeting and /embed alike.
// As in 100ms's prebuilt links, the query sets what the person would otherwise choose:
// `?name=Ada&skip_preview=true` joins at once with that name; `audio=false` / `video=false` start
// with the microphone / camera off; `lang` (en, es, de) and `theme` (light, dark) override the
// browser's.
import type { ConveneMeeting } from '../elements/convene-meeting/convene-meeting.ts';

const THEMES = new Set(['light', 'dark', 'auto']);

function roomCodeFromPath(pathname: string): string {
  return decodeURIComponent(pathname.split('/').filter(Boolean).pop() ?? '');
}

/**
 * Sets up `meeting` from the page's address and starts it; a path without a room code replaces
 * it with a line saying so. Answers whether the meeting was started.
 */
export function mountMeeting(meeting: ConveneMeeting, pageName: string): boolean {
  const params = new URLSearchParams(location.search);
  const roomCode = roomCodeFromPath(location.pathname);
  if (!roomCode || roomCode === pageName) {
    meeting.replaceWith(
      Object.assign(document.createElement('p'), {
        className: 'no-code',
        textContent: 'This link has no room code. Ask whoever sent it for the whole link.',
      }),
    );
    return false;
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
  return true;
}
