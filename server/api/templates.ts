// REST v2 templates and roles (100ms's policy API): create, list, get, update templates; create,
// update, get and delete roles.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ROLE_NAME_PATTERN,
  Role,
  RoleInput,
  Template,
  TemplatePlugins,
  TemplateSettings,
  roleNamed,
  type RoleInput as RoleInputType,
  type Roles,
  type TemplatePlugins as TemplatePluginsType,
} from '../../src/protocol/roles.ts';
import { applyRoleInput, defaultRole } from '../../src/protocol/role-defaults.ts';
import type { TemplateFields } from '../storage/templates.ts';
import { conflict, invalid, notFound } from '../../src/protocol/errors.ts';
import { FreeFormObject } from '../../src/protocol/free-form.ts';
import { Id, PageOf, PageQuery, pageRequest } from './common-schemas.ts';

const TEMPLATE_NAME = Type.String({ pattern: '^[a-zA-Z0-9 ._:-]{1,100}$' });
const RoleName = Type.String({ pattern: ROLE_NAME_PATTERN });

const TemplateBody = Type.Object(
  {
    name: Type.Optional(TEMPLATE_NAME),
    roles: Type.Optional(Type.Record(Type.String(), RoleInput)),
    settings: Type.Optional(TemplateSettings),
    destinations: Type.Optional(FreeFormObject()),
    plugins: Type.Optional(TemplatePlugins),
  },
  { additionalProperties: false },
);

const TemplateUpdateBody = Type.Object(
  {
    name: Type.Optional(TEMPLATE_NAME),
    roles: Type.Record(Type.String(), RoleInput),
    settings: TemplateSettings,
    destinations: Type.Optional(FreeFormObject()),
    plugins: Type.Optional(TemplatePlugins),
  },
  { additionalProperties: false },
);

const TemplateParams = Type.Object({ template_id: Id });
// A name no role can have (`a.b`, `__proto__`) is a 400 on every method, not a 404 on some.
const RoleParams = Type.Object({ template_id: Id, role_name: RoleName });
const ROLE_NAME = new RegExp(ROLE_NAME_PATTERN);

const TAGS = ['templates'];

/** Builds complete roles from what the caller sent, checking names and cross-references. */
function buildRoles(input: Record<string, RoleInputType>, existing: Roles = {}): Roles {
  // Without a prototype, so that no name from the caller can meet an Object member here.
  const roles = Object.create(null) as Roles;
  for (const [name, roleInput] of Object.entries(input)) {
    if (!ROLE_NAME.test(name)) {
      throw invalid(
        `invalid field roles.${name}: role names use letters, digits, - and _`,
        `invalid_field:roles.${name}`,
      );
    }
    roles[name] = applyRoleInput(roleNamed(existing, name) ?? defaultRole(name), roleInput, name);
  }
  checkRoleReferences(roles);
  return roles;
}

function checkRoleReferences(roles: Roles, plugins?: TemplatePluginsType): void {
  for (const role of Object.values(roles)) {
    for (const target of role.subscribeParams.subscribeToRoles) {
      if (!roleNamed(roles, target)) {
        const field = `roles.${role.name}.subscribeParams.subscribeToRoles`;
        throw invalid(
          `invalid field ${field}: no role named "${target}" in this template`,
          `invalid_field:${field}`,
        );
      }
    }
  }
  for (const [level, names] of Object.entries(plugins?.whiteboard?.permissions ?? {})) {
    for (const name of names ?? []) {
      if (!roleNamed(roles, name)) {
        const field = `plugins.whiteboard.permissions.${level}`;
        throw invalid(
          `invalid field ${field}: no role named "${name}" in this template`,
          `invalid_field:${field}`,
        );
      }
    }
  }
}

/** Removes a deleted role from every list that named it, so the template stays consistent. */
function withoutRole(fields: TemplateFields, name: string): TemplateFields {
  const roles = Object.fromEntries(
    Object.entries(fields.roles)
      .filter(([key]) => key !== name)
      .map(([key, role]) => [
        key,
        {
          ...role,
          subscribeParams: {
            ...role.subscribeParams,
            subscribeToRoles: role.subscribeParams.subscribeToRoles.filter((r) => r !== name),
          },
        },
      ]),
  );
  const permissions = fields.plugins.whiteboard?.permissions;
  const plugins: TemplatePluginsType = permissions
    ? {
        ...fields.plugins,
        whiteboard: {
          permissions: Object.fromEntries(
            Object.entries(permissions).map(([level, names]) => [
              level,
              (names ?? []).filter((r) => r !== name),
            ]),
          ),
        },
      }
    : fields.plugins;
  return { ...fields, roles, plugins };
}

async function routes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { templates } = app.storage;

  async function mustGet(workspaceId: string, id: string) {
    const template = await templates.get(workspaceId, id);
    if (!template) throw notFound(`template ${id} not found`, 'template_not_found');
    return template;
  }

  api.post(
    '/v2/templates',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a template; a create with an existing name overwrites that template',
        body: TemplateBody,
        response: { 200: Template },
      },
    },
    async (request) => {
      const body = request.body;
      const roles = buildRoles((body.roles ?? {}) as Record<string, RoleInputType>);
      const plugins = body.plugins ?? {};
      checkRoleReferences(roles, plugins);
      const fields: TemplateFields = {
        name: body.name ?? `template-${Date.now()}`,
        roles,
        settings: body.settings ?? {},
        destinations: body.destinations ?? {},
        plugins,
      };
      const existing = await templates.findByName(request.workspaceId, fields.name);
      if (existing) return (await templates.replace(request.workspaceId, existing.id, fields))!;
      try {
        return await templates.create(request.workspaceId, fields);
      } catch (error) {
        // Two creates with one new name raced; the loser overwrites the winner's template, as a
        // create with an existing name does.
        const winner = await templates.findByName(request.workspaceId, fields.name);
        if (!winner) throw error;
        return (await templates.replace(request.workspaceId, winner.id, fields))!;
      }
    },
  );

  api.get(
    '/v2/templates',
    {
      schema: {
        tags: TAGS,
        summary: 'List templates',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(Template) },
      },
    },
    async (request) => templates.list(request.workspaceId, pageRequest(request.query)),
  );

  api.get(
    '/v2/templates/:template_id',
    {
      schema: {
        tags: TAGS,
        summary: 'Get a template',
        params: TemplateParams,
        response: { 200: Template },
      },
    },
    async (request) => mustGet(request.workspaceId, request.params.template_id),
  );

  api.post(
    '/v2/templates/:template_id',
    {
      schema: {
        tags: TAGS,
        summary: 'Update a template: the body replaces all of it',
        params: TemplateParams,
        body: TemplateUpdateBody,
        response: { 200: Template },
      },
    },
    async (request) => {
      const current = await mustGet(request.workspaceId, request.params.template_id);
      const body = request.body;
      const name = body.name ?? current.name;
      if (name !== current.name) {
        const clash = await templates.findByName(request.workspaceId, name);
        if (clash)
          throw conflict(`a template named "${name}" already exists`, 'template_name_taken');
      }
      const roles = buildRoles(body.roles as Record<string, RoleInputType>, current.roles);
      const plugins = body.plugins ?? current.plugins;
      checkRoleReferences(roles, plugins);
      return (await templates.replace(request.workspaceId, current.id, {
        name,
        roles,
        settings: body.settings,
        destinations: body.destinations ?? current.destinations,
        plugins,
      }))!;
    },
  );

  api.get(
    '/v2/templates/:template_id/roles/:role_name',
    { schema: { tags: TAGS, summary: 'Get a role', params: RoleParams, response: { 200: Role } } },
    async (request) => {
      const template = await mustGet(request.workspaceId, request.params.template_id);
      const role = roleNamed(template.roles, request.params.role_name);
      if (!role)
        throw notFound(
          `role ${request.params.role_name} not found in this template`,
          'role_not_found',
        );
      return role;
    },
  );

  api.post(
    '/v2/templates/:template_id/roles/:role_name',
    {
      schema: {
        tags: TAGS,
        summary: 'Create or update a role; fields not sent keep their value (or the default)',
        params: RoleParams,
        body: RoleInput,
        response: { 200: Role },
      },
    },
    async (request) => {
      const template = await mustGet(request.workspaceId, request.params.template_id);
      const name = request.params.role_name;
      const input = request.body as RoleInputType;
      if (input.name !== undefined && input.name !== name) {
        throw invalid(
          'invalid field name: it must match the role name in the path',
          'invalid_field:name',
        );
      }
      const role = applyRoleInput(
        roleNamed(template.roles, name) ?? defaultRole(name),
        input,
        name,
      );
      const roles = { ...template.roles, [name]: role };
      checkRoleReferences(roles, template.plugins);
      await templates.replace(request.workspaceId, template.id, { ...template, roles });
      return role;
    },
  );

  api.delete(
    '/v2/templates/:template_id/roles/:role_name',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a role',
        params: RoleParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const template = await mustGet(request.workspaceId, request.params.template_id);
      if (!roleNamed(template.roles, request.params.role_name)) {
        throw notFound(
          `role ${request.params.role_name} not found in this template`,
          'role_not_found',
        );
      }
      await templates.replace(
        request.workspaceId,
        template.id,
        withoutRole(template, request.params.role_name),
      );
      return reply.status(204).send(null);
    },
  );
}

export const templateRoutes = fp(routes, {
  name: 'convene-template-routes',
  dependencies: ['convene-storage'],
  encapsulate: true,
});
