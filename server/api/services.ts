// The services routes are given: stores over storage, the token service, the webhook dispatcher.
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { TemplateStore } from '../storage/templates.ts';
import type { RoomStore } from '../storage/rooms.ts';
import type { RoomCodeStore } from '../storage/room-codes.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import type { ServerConfig } from '../config.ts';

export interface Services {
  config: ServerConfig;
  db: Kysely<Database>;
  templates: TemplateStore;
  rooms: RoomStore;
  roomCodes: RoomCodeStore;
  tokens: TokenService;
  webhooks: WebhookDispatcher;
}
