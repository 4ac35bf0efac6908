// What each embed command does to <convene-meeting>: one handler per command of the contract
// (the type makes a missing one a compile error). A command the meeting cannot do now throws
// an error with a code, which the bridge sends back as the command's error reply.
import type { ConveneMeeting } from '../../elements/convene-meeting/convene-meeting.ts';
import { matchLanguage } from '../../elements/i18n/localize.ts';
import type { RoomClientApi } from '../../client/room-state.ts';
import type {
  EmbedCommandName,
  EmbedCommandPayload,
  EmbedCommandResult,
  EmbedError,
} from '../../embed/contract.ts';

/** A refusal the parent can act on, sent back as the command's error reply. */
export class EmbedRefusal extends Error implements EmbedError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

type Handler<K extends EmbedCommandName> = (
  meeting: ConveneMeeting,
  payload: EmbedCommandPayload<K>,
) => Promise<EmbedCommandResult<K>>;

export type MeetingCommands = { [K in EmbedCommandName]: Handler<K> };

/** The room client of a joined call, or a refusal saying that `command` needs one. */
function joinedClient(meeting: ConveneMeeting, command: EmbedCommandName): RoomClientApi {
  const client = meeting.roomClient;
  if (!client || client.store.state.connection !== 'connected') {
    throw new EmbedRefusal(
      'not_joined',
      `${command} works in the call only: send join first and wait for the joined event.`,
    );
  }
  return client;
}

function requireBoolean(value: unknown, command: EmbedCommandName, field: string): boolean {
  if (typeof value !== 'boolean') {
    throw new EmbedRefusal('invalid_request', `${command} needs ${field}: true or false.`);
  }
  return value;
}

function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  command: EmbedCommandName,
  field: string,
): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new EmbedRefusal(
      'invalid_request',
      `${command} needs ${field}: one of ${allowed.join(', ')}.`,
    );
  }
  return value as T;
}

export const MEETING_COMMANDS: MeetingCommands = {
  async join(meeting, { name }) {
    if (name !== undefined) {
      if (typeof name !== 'string' || !name.trim()) {
        throw new EmbedRefusal('invalid_request', 'join: name must be a non-empty string.');
      }
      meeting.name = name.trim();
    }
    if (!meeting.name) {
      throw new EmbedRefusal(
        'invalid_request',
        'join needs a name: pass { name } or put ?name= in the embed URL.',
      );
    }
    await meeting.join();
  },
  async leave(meeting) {
    await meeting.leave();
  },
  async setMicrophone(meeting, { enabled }) {
    const on = requireBoolean(enabled, 'setMicrophone', 'enabled');
    const client = meeting.roomClient;
    // Before the call, it is what the join starts with.
    if (!client || client.store.state.connection !== 'connected') {
      meeting.microphone = on ? 'on' : 'off';
      return;
    }
    await client.setMicrophoneEnabled(on);
  },
  async setCamera(meeting, { enabled }) {
    const on = requireBoolean(enabled, 'setCamera', 'enabled');
    const client = meeting.roomClient;
    if (!client || client.store.state.connection !== 'connected') {
      meeting.camera = on ? 'on' : 'off';
      return;
    }
    await client.setCameraEnabled(on);
  },
  async shareScreen(meeting, { enabled }) {
    const on = requireBoolean(enabled, 'shareScreen', 'enabled');
    const client = joinedClient(meeting, 'shareScreen');
    await (on ? client.startScreenShare() : client.stopScreenShare());
  },
  async sendMessage(meeting, { text, to }) {
    if (typeof text !== 'string' || !text.trim()) {
      throw new EmbedRefusal('invalid_request', 'sendMessage needs text: a non-empty string.');
    }
    return joinedClient(meeting, 'sendMessage').sendMessage(text, to ? { to } : {});
  },
  async raiseHand(meeting, { raised }) {
    const up = requireBoolean(raised, 'raiseHand', 'raised');
    const client = joinedClient(meeting, 'raiseHand');
    await (up ? client.raiseHand() : client.lowerHand());
  },
  async setTheme(meeting, { theme }) {
    meeting.theme = requireOneOf(theme, ['light', 'dark', 'auto'], 'setTheme', 'theme');
  },
  async setLayout(meeting, { layout }) {
    meeting.layout = requireOneOf(layout, ['grid', 'spotlight'], 'setLayout', 'layout');
  },
  async setLanguage(meeting, { language }) {
    if (typeof language !== 'string' || !matchLanguage(language)) {
      throw new EmbedRefusal(
        'unsupported_language',
        `setLanguage: "${String(language)}" is not one the meeting speaks (en, es, de).`,
      );
    }
    meeting.lang = language;
  },
};

/** Runs command `name` (a string from a message) or refuses a name the contract lacks. */
export async function runCommand(
  meeting: ConveneMeeting,
  name: string,
  payload: unknown,
): Promise<unknown> {
  if (!Object.hasOwn(MEETING_COMMANDS, name)) {
    throw new EmbedRefusal(
      'unknown_command',
      `"${name}" is not an embed command (${Object.keys(MEETING_COMMANDS).join(', ')}).`,
    );
  }
  const handler = MEETING_COMMANDS[name as EmbedCommandName] as Handler<EmbedCommandName>;
  const body = typeof payload === 'object' && payload !== null ? payload : {};
  return handler(meeting, body as never);
}
