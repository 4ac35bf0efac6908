// Storybook reads the Custom Elements Manifest: .storybook/preview.ts hands the committed
// custom-elements.json to setCustomElementsManifest, and the argTypes and docs Storybook's
// web-components renderer derives from it for a story's component carry the elements' JSDoc.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

const root = path.resolve(import.meta.dirname, '../..');

interface ArgType {
  description?: string;
  action?: { name: string };
  table?: { category?: string; defaultValue?: { summary?: string } };
}
interface StorybookDocs {
  extractArgTypes: (tag: string) => Record<string, ArgType> | null;
  extractComponentDescription: (tag: string) => string | undefined;
}

let docs: StorybookDocs;

before(async () => {
  // The renderer's modules are made for the preview's window; here the window is Node's global.
  (globalThis as { window?: unknown }).window ??= globalThis;
  const { setCustomElementsManifest } = await import('@storybook/web-components');
  const argTypesEntry = await import('@storybook/web-components/entry-preview-argtypes');
  setCustomElementsManifest(
    JSON.parse(readFileSync(path.join(root, 'custom-elements.json'), 'utf8')),
  );
  docs = argTypesEntry.parameters.docs as StorybookDocs;
});

describe('Storybook and the manifest', () => {
  test('the preview sets the committed manifest before any story', () => {
    const preview = readFileSync(path.join(root, '.storybook/preview.ts'), 'utf8');
    assert.match(preview, /import manifest from '\.\.\/custom-elements\.json'/);
    assert.match(preview, /^setCustomElementsManifest\(manifest\);$/m);
  });

  test("a component's argTypes are its attributes, events, parts and CSS properties from JSDoc", () => {
    const argTypes = docs.extractArgTypes('convene-pagination')!;
    assert.equal(argTypes['page-count']?.description, 'How many pages there are (at least 1).');
    assert.equal(argTypes['page-count']?.table?.category, 'attributes');
    assert.equal(argTypes.onConvenePageChange?.action?.name, 'convene-page-change');
    assert.equal(argTypes['next-page']?.table?.category, 'css shadow parts');
    const radius = argTypes['--convene-radius-control'];
    assert.equal(radius?.table?.category, 'css custom properties');
    assert.equal(radius?.table?.defaultValue?.summary, '8px');
    assert.match(docs.extractComponentDescription('convene-pagination') ?? '', /aria-disabled/);
    assert.ok(!('turnTo' in argTypes), 'private members are no argTypes');
  });

  test("every story's component is found in the manifest", () => {
    const files = readdirSync(path.join(root, 'stories')).filter((f) => f.endsWith('.stories.ts'));
    assert.ok(files.length >= 14, `only ${files.length} stories files`);
    for (const file of files) {
      const text = readFileSync(path.join(root, 'stories', file), 'utf8');
      const tag = /component: '([a-z-]+)'/.exec(text)?.[1];
      assert.ok(tag, `stories/${file} names its component`);
      assert.ok(docs.extractArgTypes(tag), `<${tag}> has argTypes`);
    }
  });
});
