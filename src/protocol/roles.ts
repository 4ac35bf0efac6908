// Roles and templates in 100ms's REST shape, declared once as TypeBox schemas: the server validates
// with them, generates OpenAPI from them, and the client imports their static types.
import { Type, type Static, type TSchema } from 'typebox';
import { freeFormOptions } from './free-form.ts';

const bool = () => Type.Boolean();

export const TrackSource = Type.Union([
  Type.Literal('audio'),
  Type.Literal('video'),
  Type.Literal('screen'),
]);
export type TrackSource = Static<typeof TrackSource>;

export const VideoCodec = Type.Union([
  Type.Literal('vp8'),
  Type.Literal('vp9'),
  Type.Literal('h264'),
]);

export const SimulcastLayer = Type.Object(
  {
    rid: Type.Union([Type.Literal('f'), Type.Literal('h'), Type.Literal('q')]),
    scaleResolutionDownBy: Type.Number({ minimum: 1, maximum: 12 }),
    maxBitrate: Type.Integer({ minimum: 0, maximum: 2000, description: 'kbps' }),
    maxFramerate: Type.Integer({ minimum: 1, maximum: 30 }),
  },
  { additionalProperties: false },
);
export type SimulcastLayer = Static<typeof SimulcastLayer>;

const SimulcastTrack = Type.Object(
  { layers: Type.Optional(Type.Array(SimulcastLayer, { maxItems: 3 })) },
  { additionalProperties: false },
);

const VideoParams = Type.Object(
  {
    bitRate: Type.Integer({ minimum: 30, maximum: 4000, description: 'kbps' }),
    codec: VideoCodec,
    frameRate: Type.Integer({ minimum: 1, maximum: 30 }),
    width: Type.Integer({ minimum: 50, maximum: 1920 }),
    height: Type.Integer({ minimum: 50, maximum: 1080 }),
  },
  { additionalProperties: false },
);

const AudioParams = Type.Object(
  {
    bitRate: Type.Integer({ minimum: 16, maximum: 128, description: 'kbps' }),
    codec: Type.Literal('opus'),
  },
  { additionalProperties: false },
);

export const PublishParams = Type.Object(
  {
    allowed: Type.Array(TrackSource, { uniqueItems: true }),
    audio: AudioParams,
    video: VideoParams,
    screen: VideoParams,
    simulcast: Type.Object(
      { video: SimulcastTrack, screen: SimulcastTrack },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const SubscribeParams = Type.Object(
  {
    subscribeToRoles: Type.Array(Type.String(), { uniqueItems: true }),
    maxSubsBitRate: Type.Integer({ minimum: 0, description: 'kbps, 0 for no limit' }),
  },
  { additionalProperties: false },
);

export const Permissions = Type.Object(
  {
    endRoom: bool(),
    removeOthers: bool(),
    mute: bool(),
    unmute: bool(),
    changeRole: bool(),
    sendRoomState: bool(),
    pollRead: bool(),
    pollWrite: bool(),
    hlsStreaming: bool(),
    browserRecording: bool(),
    rtmpStreaming: bool(),
  },
  { additionalProperties: false },
);
export type Permissions = Static<typeof Permissions>;

/**
 * Letters, digits, - and _. `__proto__` fits but is refused: as a key of a plain object it is the
 * object's prototype, not an entry, so no JSON round trip keeps it. Other names of Object members
 * (`constructor`, `toString`) are valid role names, since every lookup by name goes through
 * `roleNamed`.
 */
export const ROLE_NAME_PATTERN = '^(?!__proto__$)[a-zA-Z0-9_-]{1,100}$';

export const Role = Type.Object(
  {
    name: Type.String({ pattern: ROLE_NAME_PATTERN }),
    publishParams: PublishParams,
    subscribeParams: SubscribeParams,
    permissions: Permissions,
    priority: Type.Integer({ minimum: 1, maximum: 5, description: '1 is the highest' }),
    maxPeerCount: Type.Integer({ minimum: -1, description: '0: no limit; -1: nobody may join' }),
  },
  { additionalProperties: false },
);
export type Role = Static<typeof Role>;

/** A template's roles, by name. */
export type Roles = Record<string, Role>;

/** The role called `name`: an own entry only, never an Object member such as `constructor`. */
export function roleNamed(roles: Roles, name: string): Role | undefined {
  return Object.hasOwn(roles, name) ? roles[name] : undefined;
}

/** Makes every property of an object schema, and of the objects inside it, optional. */
function deepPartial<T extends TSchema>(schema: T): TSchema {
  const s = schema as unknown as { type?: string; properties?: Record<string, TSchema> };
  if (s.type !== 'object' || !s.properties) return schema;
  const properties = Object.fromEntries(
    Object.entries(s.properties).map(([key, value]) => [key, Type.Optional(deepPartial(value))]),
  );
  return Type.Object(properties, { additionalProperties: false });
}

/** What a caller may send to create or update a role: any part of it; the rest takes defaults. */
export const RoleInput = deepPartial(Role);
export type RoleInput = {
  name?: string;
  publishParams?: {
    allowed?: TrackSource[];
    audio?: Partial<Role['publishParams']['audio']>;
    video?: Partial<Role['publishParams']['video']>;
    screen?: Partial<Role['publishParams']['screen']>;
    simulcast?: Partial<Role['publishParams']['simulcast']>;
  };
  subscribeParams?: Partial<Role['subscribeParams']>;
  permissions?: Partial<Permissions>;
  priority?: number;
  maxPeerCount?: number;
};

const RoleList = Type.Array(Type.String({ pattern: ROLE_NAME_PATTERN }), { uniqueItems: true });

/** Template-level plugins; whiteboard access is granted per role here, as 100ms does. */
export const TemplatePlugins = Type.Object(
  {
    whiteboard: Type.Optional(
      Type.Object(
        {
          permissions: Type.Object(
            {
              admin: Type.Optional(RoleList),
              writer: Type.Optional(RoleList),
              reader: Type.Optional(RoleList),
            },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TemplatePlugins = Static<typeof TemplatePlugins>;

/** Free-form beyond `region`, so bounded like every free-form field. */
export const TemplateSettings = Type.Object(
  { region: Type.Optional(Type.Union(['in', 'us', 'eu', 'auto'].map((r) => Type.Literal(r)))) },
  { additionalProperties: true, ...freeFormOptions() },
);

export const Template = Type.Object({
  id: Type.String(),
  name: Type.String(),
  customer_id: Type.String(),
  roles: Type.Record(Type.String(), Role),
  settings: Type.Record(Type.String(), Type.Unknown()),
  destinations: Type.Record(Type.String(), Type.Unknown()),
  plugins: TemplatePlugins,
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type Template = Static<typeof Template>;
