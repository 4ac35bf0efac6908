// Checks the manifest against the source: every element registered in src/elements/*/define.ts
// is in it with a summary, and every attribute, event, slot, part and element-specific CSS
// property its code has is documented there with words. What the source declares is read from
// the code itself (decorators, dispatched events, templates, styles), so an undocumented piece
// shows up as a problem instead of silently missing from editors and Storybook.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { manifestElements } from './editor-data.mjs';

/** Files that render or style nothing of the element's own. */
const NOT_THE_ELEMENT = /(\.d\.ts|strings\.ts|define\.ts)$/;

/**
 * `defineElement('tag', Class)` in each src/elements/<folder>/define.ts.
 * @returns {{ tag: string, className: string, folder: string }[]}
 */
export function definedElements(root) {
  const elementsDir = path.join(root, 'src/elements');
  const defined = [];
  for (const folder of readdirSync(elementsDir).sort()) {
    const definePath = path.join(elementsDir, folder, 'define.ts');
    if (!existsSync(definePath)) continue;
    const source = readFileSync(definePath, 'utf8');
    for (const match of source.matchAll(/defineElement\(\s*'([a-z][\w-]*)',\s*(\w+)\s*\)/g)) {
      const [, tag = '', className = ''] = match;
      defined.push({ tag, className, folder: path.join(elementsDir, folder) });
    }
  }
  return defined;
}

/**
 * The element's folder's modules, and the shared modules they import (src/elements/*.ts, and
 * src/styles/, whose icon() renders the `icon` part).
 */
function elementSources(folder) {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.ts') && !NOT_THE_ELEMENT.test(name))
    .map((name) => path.join(folder, name));
  const shared = new Set();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/from '(\.\.\/(?:\.\.\/styles\/)?[\w-]+\.ts)'/g)) {
      if (!match[1].endsWith('define-element.ts')) shared.add(path.join(folder, match[1]));
    }
  }
  return [...files, ...shared].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/** Event class name to event name, from `static readonly type = '...'` in src/events/. */
function eventNames(root) {
  const names = new Map();
  const eventsDir = path.join(root, 'src/events');
  if (!existsSync(eventsDir)) return names;
  for (const name of readdirSync(eventsDir)) {
    const text = readFileSync(path.join(eventsDir, name), 'utf8');
    const match = /class (\w+) extends CustomEvent[\s\S]*?static readonly type = '([^']+)'/.exec(
      text,
    );
    if (match) names.set(match[1], match[2]);
  }
  return names;
}

/** The attribute of every `@property()` that has one (lit lowercases the name by default). */
function declaredAttributes(classFile) {
  const source = ts.createSourceFile(classFile.file, classFile.text, ts.ScriptTarget.Latest, true);
  const attributes = [];
  const visit = (node) => {
    if (ts.isPropertyDeclaration(node) && ts.canHaveDecorators(node)) {
      for (const decorator of ts.getDecorators(node) ?? []) {
        const call = decorator.expression;
        if (!ts.isCallExpression(call) || call.expression.getText() !== 'property') continue;
        const options = call.arguments[0];
        const option =
          options && ts.isObjectLiteralExpression(options)
            ? options.properties.find((p) => p.name?.getText() === 'attribute')
            : undefined;
        const value = option && ts.isPropertyAssignment(option) ? option.initializer : undefined;
        if (value?.kind === ts.SyntaxKind.FalseKeyword) continue;
        attributes.push(
          value && ts.isStringLiteral(value) ? value.text : node.name.getText().toLowerCase(),
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return attributes;
}

/** Part names written literally in `part="..."` (a name made at run time cannot be read). */
function declaredParts(texts) {
  const parts = new Set();
  for (const text of texts) {
    for (const match of text.matchAll(/\bpart="([^"]*)"/g)) {
      for (const name of match[1].replace(/\$\{[^}]*\}/g, '\0').split(/\s+/)) {
        if (/^[a-z][a-z0-9-]*$/.test(name)) parts.add(name);
      }
    }
    // `exportparts="inner: outer, ..."` makes each outer name a part of this element too.
    for (const match of text.matchAll(/\bexportparts="([^"]*)"/g)) {
      for (const mapping of match[1].split(',')) {
        const name = mapping.split(':').pop()?.trim();
        if (name && /^[a-z][a-z0-9-]*$/.test(name)) parts.add(name);
      }
    }
  }
  return parts;
}

/**
 * Every problem found, as sentences naming the element and what to add; empty when the manifest
 * documents everything the source declares.
 */
export function checkDocumentation(root, manifest) {
  const problems = [];
  const documented = new Map(
    manifestElements(manifest).map((element) => [element.tagName, element]),
  );
  const events = eventNames(root);
  const tokenNames = new Set([...readTokens(root)].map((name) => `--convene-${name}`));
  for (const { tag, className, folder } of definedElements(root)) {
    const element = documented.get(tag);
    if (!element) {
      problems.push(`<${tag}> (${className}) is not in the manifest`);
      continue;
    }
    const missing = (what, name, list) => {
      const entry = (list ?? []).find((item) => item.name === name);
      if (!entry) problems.push(`<${tag}> lacks JSDoc for ${what} ${name || '(default)'}`);
      else if (!entry.description?.trim())
        problems.push(`<${tag}>'s ${what} ${name || '(default)'} has no description`);
    };
    if (!element.summary?.trim()) problems.push(`<${tag}> has no @summary`);

    const sources = elementSources(folder);
    const texts = sources.map((source) => source.text);
    const classFile = sources.find((source) => path.basename(source.file) === `${tag}.ts`);
    for (const name of classFile ? declaredAttributes(classFile) : []) {
      missing('attribute', name, element.attributes);
    }
    const fired = new Set();
    for (const text of texts) {
      for (const match of text.matchAll(/new (\w+Event)\(/g)) {
        if (events.has(match[1])) fired.add(events.get(match[1]));
      }
      for (const match of text.matchAll(/new CustomEvent(?:<[^>]*>)?\(\s*'([\w-]+)'/g))
        fired.add(match[1]);
    }
    for (const name of fired) missing('event', name, element.events);
    const slots = new Set();
    for (const text of texts) {
      for (const match of text.matchAll(/<slot(?:\s+name="([^"]+)")?/g)) slots.add(match[1] ?? '');
    }
    for (const name of slots) missing('slot', name, element.slots);
    for (const name of declaredParts(texts)) missing('CSS part', name, element.cssParts);
    const own = new Set();
    // src/styles/ defines the design tokens; the element's own modules may add properties.
    const ownTexts = sources
      .filter((source) => !source.file.includes(`${path.sep}styles${path.sep}`))
      .map((source) => source.text);
    for (const text of ownTexts) {
      for (const match of text.matchAll(/var\((--convene-[a-z0-9-]+)/g)) {
        if (!tokenNames.has(match[1])) own.add(match[1]);
      }
    }
    for (const name of own) missing('CSS property', name, element.cssProperties);
  }
  return problems;
}

/** The design tokens' names (src/styles/tokens.ts), which every element reads alike. */
function readTokens(root) {
  const file = path.join(root, 'src/styles/tokens.ts');
  if (!existsSync(file)) return [];
  const table = /TOKEN_DEFAULTS = \{([\s\S]*?)\n\}/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  return [...table.matchAll(/^\s*'([a-z0-9-]+)':/gm)].map((match) => match[1]);
}
