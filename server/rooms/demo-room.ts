// A room to try at once: on a fresh start the default workspace gets a room named "demo" (once)
// with one room code per role, so a newcomer can open the host and guest links in two tabs.
import type { Stores } from '../storage/storage-plugin.ts';
import { newRoomFields } from '../storage/rooms.ts';
import { DEFAULT_TEMPLATE_NAME } from '../../src/protocol/role-defaults.ts';

export const DEMO_ROOM_NAME = 'demo';

export interface DemoLink {
  role: string;
  code: string;
  path: string;
}

export async function ensureDemoRoom(
  { rooms, roomCodes, templates }: Pick<Stores, 'rooms' | 'roomCodes' | 'templates'>,
  workspaceId: string,
): Promise<DemoLink[]> {
  let room = await rooms.findByName(workspaceId, DEMO_ROOM_NAME);
  if (!room) {
    const template = await templates.findByName(workspaceId, DEFAULT_TEMPLATE_NAME);
    if (!template) return [];
    room = await rooms.insert(workspaceId, {
      ...newRoomFields(DEMO_ROOM_NAME, template.id),
      description: 'A room to try Convene in',
    });
    for (const role of Object.keys(template.roles))
      await roomCodes.create(workspaceId, room.id, role);
  }
  const codes = await roomCodes.forRoom(workspaceId, room.id);
  return codes
    .filter((code) => code.enabled)
    .map((code) => ({ role: code.role, code: code.code, path: `/meeting/${code.code}` }));
}
