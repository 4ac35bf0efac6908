// Durable templates and their roles, scoped by workspace.
import type { Kysely } from 'kysely';
import type { Roles, Template, TemplatePlugins } from '../../src/protocol/roles.ts';
import type { Database, TemplateTable } from './schema.ts';
import { newId, nowIso } from './ids.ts';
import { toPage, type Page, type PageRequest } from './pagination.ts';

export interface TemplateFields {
  name: string;
  roles: Roles;
  settings: Record<string, unknown>;
  destinations: Record<string, unknown>;
  plugins: TemplatePlugins;
}

/**
 * Stored roles in an object without a prototype: a role name is a key from outside, and then even
 * a plain `roles[name]` finds nothing for `constructor` or `toString` (callers use roleNamed).
 */
function parseRoles(json: string): Roles {
  return Object.assign(Object.create(null) as Roles, JSON.parse(json) as Roles);
}

export function presentTemplate(row: TemplateTable): Template {
  return {
    id: row.id,
    name: row.name,
    customer_id: row.workspace_id,
    roles: parseRoles(row.roles),
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    destinations: JSON.parse(row.destinations) as Record<string, unknown>,
    plugins: JSON.parse(row.plugins) as TemplatePlugins,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function serialize(fields: TemplateFields) {
  return {
    name: fields.name,
    roles: JSON.stringify(fields.roles),
    settings: JSON.stringify(fields.settings),
    destinations: JSON.stringify(fields.destinations),
    plugins: JSON.stringify(fields.plugins),
  };
}

export class TemplateStore {
  /** `onChange` runs after a template is replaced (rooms cache their template's name). */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly onChange: () => void = () => {},
  ) {}

  async get(workspaceId: string, id: string): Promise<Template | undefined> {
    const row = await this.db
      .selectFrom('templates')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && presentTemplate(row);
  }

  async findByName(workspaceId: string, name: string): Promise<Template | undefined> {
    const row = await this.db
      .selectFrom('templates')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row && presentTemplate(row);
  }

  async list(workspaceId: string, page: PageRequest): Promise<Page<Template>> {
    let query = this.db.selectFrom('templates').selectAll().where('workspace_id', '=', workspaceId);
    if (page.start) query = query.where('id', '>', page.start);
    const rows = await query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page, presentTemplate);
  }

  async create(workspaceId: string, fields: TemplateFields): Promise<Template> {
    const now = nowIso();
    const row: TemplateTable = {
      id: newId(),
      workspace_id: workspaceId,
      ...serialize(fields),
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('templates').values(row).execute();
    return presentTemplate(row);
  }

  async replace(
    workspaceId: string,
    id: string,
    fields: TemplateFields,
  ): Promise<Template | undefined> {
    const row = await this.db
      .updateTable('templates')
      .set({ ...serialize(fields), updated_at: nowIso() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    this.onChange();
    return row && presentTemplate(row);
  }
}
