// Sane defaults for roles and the template every workspace starts with (host, guest, hls-viewer),
// shared: the server creates templates with them, the simulated room (src/client) plays them.
// A role created with only some fields set takes the rest from here, as 100ms's policy API does.
import type { Permissions, Role, RoleInput, SimulcastLayer, TemplatePlugins } from './roles.ts';

/** Three camera layers: full, half and quarter resolution (100ms's f/h/q rids). */
export const DEFAULT_VIDEO_LAYERS: SimulcastLayer[] = [
  { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 700, maxFramerate: 30 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 250, maxFramerate: 30 },
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 100, maxFramerate: 15 },
];

/** Every permission off: a role starts from it. */
export const NO_PERMISSIONS: Permissions = {
  endRoom: false,
  removeOthers: false,
  mute: false,
  unmute: false,
  changeRole: false,
  sendRoomState: false,
  pollRead: false,
  pollWrite: false,
  hlsStreaming: false,
  browserRecording: false,
  rtmpStreaming: false,
};

export function defaultRole(name: string): Role {
  return {
    name,
    publishParams: {
      allowed: ['audio', 'video', 'screen'],
      audio: { bitRate: 32, codec: 'opus' },
      video: { bitRate: 700, codec: 'vp8', frameRate: 30, width: 1280, height: 720 },
      screen: { bitRate: 1500, codec: 'vp8', frameRate: 10, width: 1920, height: 1080 },
      simulcast: { video: { layers: DEFAULT_VIDEO_LAYERS }, screen: {} },
    },
    subscribeParams: { subscribeToRoles: [], maxSubsBitRate: 3200 },
    permissions: { ...NO_PERMISSIONS, pollRead: true },
    priority: 1,
    maxPeerCount: 0,
  };
}

/** `base` with whatever `input` sets laid over it, one level deep in each params object. */
export function applyRoleInput(base: Role, input: RoleInput, name = input.name ?? base.name): Role {
  const publish = input.publishParams ?? {};
  return {
    name,
    publishParams: {
      allowed: publish.allowed ?? base.publishParams.allowed,
      audio: { ...base.publishParams.audio, ...publish.audio },
      video: { ...base.publishParams.video, ...publish.video },
      screen: { ...base.publishParams.screen, ...publish.screen },
      simulcast: { ...base.publishParams.simulcast, ...publish.simulcast },
    },
    subscribeParams: { ...base.subscribeParams, ...input.subscribeParams },
    permissions: { ...base.permissions, ...input.permissions },
    priority: input.priority ?? base.priority,
    maxPeerCount: input.maxPeerCount ?? base.maxPeerCount,
  };
}

export interface DefaultTemplate {
  name: string;
  roles: Record<string, Role>;
  plugins: TemplatePlugins;
}

export const DEFAULT_TEMPLATE_NAME = 'default';

export function defaultTemplate(): DefaultTemplate {
  const all: Permissions = Object.fromEntries(
    Object.keys(NO_PERMISSIONS).map((key) => [key, true]),
  ) as unknown as Permissions;
  const host = applyRoleInput(defaultRole('host'), {
    subscribeParams: { subscribeToRoles: ['host', 'guest'] },
    permissions: all,
  });
  const guest = applyRoleInput(defaultRole('guest'), {
    subscribeParams: { subscribeToRoles: ['host', 'guest'] },
    priority: 2,
  });
  const hlsViewer = applyRoleInput(defaultRole('hls-viewer'), {
    publishParams: { allowed: [] },
    subscribeParams: { subscribeToRoles: [] },
    priority: 3,
  });
  return {
    name: DEFAULT_TEMPLATE_NAME,
    roles: { host, guest, 'hls-viewer': hlsViewer },
    plugins: {
      whiteboard: { permissions: { admin: ['host'], writer: ['host'], reader: ['guest'] } },
    },
  };
}
