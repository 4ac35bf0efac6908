// Analyzer plugins for what Convene writes its own way: tags are registered by
// `defineElement(tag, Class)` in each element's define.ts (not `customElements.define`); events
// are typed classes in src/events/ named by their static `type`; the design tokens an element's
// styles read are its CSS custom properties.
import path from 'node:path';

/** `defineElement('convene-grid', ConveneGrid)` gives ConveneGrid its tag, as a define call would. */
export function defineElementPlugin() {
  /** @type {{ tag: string, className: string, modulePath: string }[]} */
  const definitions = [];
  return {
    name: 'convene-define-element',
    // One plugin object serves every run in a process (the config is imported once).
    initialize() {
      definitions.length = 0;
    },
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
      if (node.expression.text !== 'defineElement') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) return;
      definitions.push({ tag: tag.text, className: element.text, modulePath: moduleDoc.path });
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      for (const { tag, className, modulePath } of definitions) {
        const home = modules.find((module) =>
          module.declarations?.some((d) => d.kind === 'class' && d.name === className),
        );
        const definer = modules.find((module) => module.path === modulePath);
        if (!home || !definer) continue;
        const declaration = home.declarations.find(
          (d) => d.kind === 'class' && d.name === className,
        );
        declaration.tagName = tag;
        declaration.customElement = true;
        definer.exports = [
          ...(definer.exports ?? []),
          {
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name: className, module: home.path },
          },
        ];
      }
    },
  };
}

/** The event classes of src/events/: class name to event name (`static readonly type`). */
function eventClassTypes(modules) {
  const types = new Map();
  for (const module of modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.kind !== 'class' || declaration.superclass?.name !== 'CustomEvent') continue;
      const type = declaration.members?.find((m) => m.static && m.name === 'type')?.default;
      const name = /^'([^']+)'$/.exec(type ?? '')?.[1];
      if (name) types.set(declaration.name, name);
    }
  }
  return types;
}

/**
 * One entry per event on each element, named and typed. The analyzer finds
 * `dispatchEvent(new ConveneErrorEvent(...))` as a nameless event of type ConveneErrorEvent, and
 * the class's `@event convene-error - ...` as a named one with the words: the two are one event.
 */
export function typedEventsPlugin() {
  return {
    name: 'convene-typed-events',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      const types = eventClassTypes(modules);
      const classOf = new Map([...types].map(([className, name]) => [name, className]));
      for (const module of modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement || !declaration.events) continue;
          /** @type {Map<string, Record<string, unknown>>} */
          const byName = new Map();
          for (const event of declaration.events) {
            const name = types.get(event.type?.text) ?? event.name;
            if (!name) continue;
            const className = classOf.get(name);
            const merged = { ...byName.get(name), ...event, name };
            if (className) merged.type = { text: className };
            merged.description ??= byName.get(name)?.description;
            if (merged.description === undefined) delete merged.description;
            byName.set(name, merged);
          }
          declaration.events = [...byName.values()];
        }
      }
    },
  };
}

const STYLE_MODULE = /(\.styles\.ts|^src\/styles\/.*\.ts)$/;

/** `'space-1': '4px'` and `'color-text': ['#1b1e24', '#eef0f4']` (light, dark) in tokens.ts. */
function tokenDefaults(text) {
  const defaults = new Map();
  const table = /TOKEN_DEFAULTS = \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? '';
  for (const match of table.matchAll(/^\s*'([a-z0-9-]+)':\s*(\[[^\]]*\]|'[^']*'),?$/gm)) {
    const values = [...match[2].matchAll(/'([^']*)'/g)].map((value) => value[1]);
    defaults.set(
      match[1],
      values.length === 2 ? `light-dark(${values[0]}, ${values[1]})` : (values[0] ?? ''),
    );
  }
  return defaults;
}

/**
 * Every design token an element's styles read (`token('color-accent')`) is one of its CSS custom
 * properties: the element's own modules and the shared ones they import are followed, never
 * another element's folder. A token the class's JSDoc already explains keeps those words and
 * gains its default. The style modules are read for this and then left out of the manifest.
 */
export function designTokensPlugin() {
  /** @type {Map<string, { tokens: Set<string>, imports: string[] }>} */
  const modules = new Map();
  let defaults = new Map();
  return {
    name: 'convene-design-tokens',
    initialize() {
      modules.clear();
      defaults = new Map();
    },
    analyzePhase({ ts, node, moduleDoc }) {
      if (node.kind !== ts.SyntaxKind.SourceFile) return;
      const text = node.getFullText();
      const imports = [...text.matchAll(/from '(\.{1,2}\/[^']+\.ts)'/g)].map((match) =>
        path.posix.join(path.posix.dirname(moduleDoc.path), match[1]),
      );
      const tokens = new Set([...text.matchAll(/\btoken\('([a-z0-9-]+)'\)/g)].map((m) => m[1]));
      modules.set(moduleDoc.path, { tokens, imports });
      if (moduleDoc.path.endsWith('src/styles/tokens.ts')) defaults = tokenDefaults(text);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        const folder = path.posix.dirname(module.path);
        for (const element of module.declarations ?? []) {
          if (!element.customElement) continue;
          const tokens = new Set();
          const seen = new Set();
          const visit = (modulePath) => {
            const found = modules.get(modulePath);
            if (!found || seen.has(modulePath)) return;
            seen.add(modulePath);
            found.tokens.forEach((name) => tokens.add(name));
            for (const imported of found.imports) {
              const dir = path.posix.dirname(imported);
              const shared = dir === 'src/elements' || dir === 'src/styles';
              if (dir === folder || shared) visit(imported);
            }
          };
          visit(module.path);
          const properties = element.cssProperties ?? [];
          for (const name of [...tokens].sort()) {
            const property = `--convene-${name}`;
            const known = properties.find((entry) => entry.name === property);
            const value = defaults.get(name);
            if (known) {
              if (value !== undefined) known.default ??= value;
              continue;
            }
            properties.push({
              name: property,
              description:
                'Design token: set it on the page or any ancestor to restyle every Convene element.',
              ...(value !== undefined && { default: value }),
            });
          }
          if (properties.length > 0) element.cssProperties = properties;
        }
      }
      customElementsManifest.modules = (customElementsManifest.modules ?? []).filter(
        (module) => !STYLE_MODULE.test(module.path),
      );
    },
  };
}

/**
 * `@summary` is the class comment's first paragraph, the rest its description: JSDoc gives the
 * tag all the text up to the next tag, so an editor's one-line hint would carry every paragraph.
 */
export function summaryParagraphPlugin() {
  return {
    name: 'convene-summary-paragraph',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement || !declaration.summary) continue;
          const [first, ...rest] = declaration.summary.split(/\n\s*\n/);
          declaration.summary = first.replace(/\s*\n\s*/g, ' ').trim();
          const description = [...rest, declaration.description ?? ''].join('\n\n').trim();
          if (description) declaration.description = description;
        }
      }
    },
  };
}

/** Modules in path order: the analyzer reads files in whatever order its glob finds them. */
export function sortedModulesPlugin() {
  return {
    name: 'convene-sorted-modules',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules?.sort((a, b) =>
        a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
      );
    },
  };
}

/**
 * Only the public surface: private fields and methods (`private`, `#name`) are internals, and
 * Storybook would show each as an argType and editors would offer them.
 */
export function publicMembersPlugin() {
  return {
    name: 'convene-public-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class' || !declaration.members) continue;
          declaration.members = declaration.members.filter(
            (member) => member.privacy !== 'private' && !member.name.startsWith('#'),
          );
        }
      }
    },
  };
}
