// Table shapes as Kysely sees them. Booleans are stored as 0/1 integers and JSON as text, so the
// same queries run on SQLite and PostgreSQL without dialect branches.
import type { Generated } from 'kysely';

export interface TemplateTable {
  id: string;
  workspace_id: string;
  name: string;
  /** JSON: { [roleName]: Role } */
  roles: string;
  /** JSON: template settings (region, ...) */
  settings: string;
  /** JSON: recording/HLS/RTMP destinations */
  destinations: string;
  /** JSON: plugins (whiteboard permissions) */
  plugins: string;
  created_at: string;
  updated_at: string;
}

export interface RoomTable {
  id: string;
  workspace_id: string;
  name: string;
  /** Lower-cased name: room names are unique per workspace regardless of case, as in 100ms. */
  name_key: string;
  description: string;
  template_id: string;
  enabled: number;
  region: string;
  size: number | null;
  max_duration_seconds: number | null;
  large_room: number;
  /** JSON: { enabled, upload_info? } */
  recording_info: string;
  created_at: string;
  updated_at: string;
}

export interface RoomCodeTable {
  code: string;
  workspace_id: string;
  room_id: string;
  role: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface WebhookEndpointTable {
  id: string;
  workspace_id: string;
  url: string;
  secret: string;
  /** 'env' for endpoints configured by CONVENE_WEBHOOK_URL, 'api' for those added over REST */
  source: string;
  created_at: string;
}

export interface WebhookEventTable {
  /** Insertion order: deliveries of one room follow it. */
  seq: Generated<number>;
  id: string;
  workspace_id: string;
  /** Events of one room are delivered in order; '' for events without a room. */
  room_id: string;
  type: string;
  /** JSON body as sent, the 100ms event envelope. */
  body: string;
  created_at: string;
}

export interface WebhookDeliveryTable {
  id: string;
  event_seq: number;
  endpoint_id: string;
  workspace_id: string;
  room_id: string;
  /** pending | delivered | failed */
  status: string;
  attempts: number;
  /** Epoch milliseconds of the next attempt. */
  next_attempt_at: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface SessionTable {
  id: string;
  workspace_id: string;
  room_id: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionPeerTable {
  id: string;
  session_id: string;
  user_id: string;
  name: string;
  role: string;
  joined_at: string;
  left_at: string | null;
}

export interface TrackEventTable {
  /** Insertion order: the analytics cursor. */
  seq: Generated<number>;
  id: string;
  workspace_id: string;
  room_id: string;
  session_id: string;
  peer_id: string;
  user_id: string;
  /** track.add.success | track.update.success | track.remove.success */
  type: string;
  /** JSON: the event as the analytics API answers it, 100ms's `{version, id, timestamp, type, data}`. */
  body: string;
  created_at: string;
}

export interface ChatMessageTable {
  id: string;
  workspace_id: string;
  room_id: string;
  session_id: string;
  /** The chat it belongs to: sessions that carry on a previous one share its thread. */
  thread_id: string;
  /** All four null for a message from the server (REST). */
  sender_peer_id: string | null;
  sender_user_id: string | null;
  sender_name: string | null;
  sender_role: string | null;
  recipient_peer_id: string | null;
  /** JSON array of role names, for a role message; its rows in chat_message_roles are for queries. */
  recipient_roles: string | null;
  type: string;
  /** Plain text, as sent. */
  message: string;
  created_at: string;
}

export interface ChatMessageRoleTable {
  message_id: string;
  role: string;
}

export interface ChatThreadTable {
  session_id: string;
  thread_id: string;
}

export interface StreamJobTable {
  id: string;
  workspace_id: string;
  /** live_stream | recording | external_stream */
  kind: string;
  room_id: string;
  session_id: string;
  /** starting | running | stopping | completed | failed */
  status: string;
  meeting_url: string;
  started_by: string;
  stopped_by: string;
  /** JSON: what the kind was started with (resolution, rtmp_urls, audio_only, ...). */
  options: string;
  /** Why it failed, when it did. */
  error: string | null;
  created_at: string;
  started_at: string | null;
  updated_at: string;
  stopped_at: string | null;
}

export interface RecordingAssetTable {
  id: string;
  workspace_id: string;
  /** The recording (or stream) that wrote it. */
  job_id: string;
  room_id: string;
  session_id: string;
  /** room-composite | room-vod | chat */
  type: string;
  /** Absolute path of the file on this server. */
  path: string;
  size: number;
  /** Seconds. */
  duration: number;
  status: string;
  /** JSON: 100ms's RecordingMetadata, plus the gaps the output lost. */
  metadata: string;
  created_at: string;
}

export interface Database {
  stream_jobs: StreamJobTable;
  recording_assets: RecordingAssetTable;
  chat_messages: ChatMessageTable;
  chat_message_roles: ChatMessageRoleTable;
  chat_threads: ChatThreadTable;
  sessions: SessionTable;
  session_peers: SessionPeerTable;
  templates: TemplateTable;
  rooms: RoomTable;
  room_codes: RoomCodeTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_events: WebhookEventTable;
  webhook_deliveries: WebhookDeliveryTable;
  track_events: TrackEventTable;
}
