// Editor data made from the Custom Elements Manifest: VS Code's HTML custom data
// (html.customData) and JetBrains' web-types, so both complete and explain Convene's tags,
// attributes, events, slots, parts and CSS properties from the same JSDoc.

/** Every custom element in the manifest with its tag, in tag order. */
export function manifestElements(manifest) {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** Summary then description, as one markdown text. */
function elementText(element) {
  return [element.summary, element.description].filter(Boolean).join('\n\n');
}

/** The string literals of a union type (`'grid' | 'spotlight'`), or none. */
function literalValues(typeText) {
  const parts = (typeText ?? '').split('|').map((part) => part.trim());
  const literals = parts.map((part) => /^'([^']*)'$/.exec(part)?.[1]);
  return parts.length > 0 && literals.every((value) => value !== undefined) ? literals : [];
}

const isBoolean = (attribute) => attribute.type?.text === 'boolean';

/** VS Code's HTML custom data, version 1.1. */
export function toVsCodeCustomData(manifest) {
  return {
    $schema:
      'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: manifestElements(manifest).map((element) => ({
      name: element.tagName,
      description: elementText(element),
      attributes: (element.attributes ?? []).map((attribute) => {
        const values = literalValues(attribute.type?.text);
        return {
          name: attribute.name,
          ...(attribute.description && { description: attribute.description }),
          ...(isBoolean(attribute) && { valueSet: 'v' }),
          ...(values.length > 0 && { values: values.map((name) => ({ name })) }),
        };
      }),
    })),
  };
}

const named = (items) =>
  (items ?? []).map((item) => ({
    name: item.name,
    ...(item.description && { description: item.description }),
  }));

/** JetBrains web-types (schema 2) for the package `name` at `version`. */
export function toWebTypes(manifest, { name, version }) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name,
    version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: manifestElements(manifest).map((element) => ({
          name: element.tagName,
          description: elementText(element),
          attributes: (element.attributes ?? []).map((attribute) => ({
            name: attribute.name,
            ...(attribute.description && { description: attribute.description }),
            value: {
              type: attribute.type?.text ?? 'string',
              ...(attribute.default !== undefined && { default: attribute.default }),
              ...(isBoolean(attribute) && { required: false }),
            },
          })),
          slots: named(element.slots),
          events: named(element.events),
          js: {
            properties: (element.members ?? [])
              .filter(
                (m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public',
              )
              .map((member) => ({
                name: member.name,
                ...(member.description && { description: member.description }),
                ...(member.type && { value: { type: member.type.text } }),
                ...(member.readonly && { 'read-only': true }),
              })),
            events: named(element.events),
          },
          css: { parts: named(element.cssParts), properties: named(element.cssProperties) },
        })),
      },
    },
  };
}
