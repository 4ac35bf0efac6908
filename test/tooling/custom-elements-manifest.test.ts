// The Custom Elements Manifest and the editor data made from it: generated from the elements'
// JSDoc, they list every registered element with its attributes, events, slots, parts and CSS
// properties as the source declares them; the committed files are what `npm run manifest` writes;
// an element that lacks its JSDoc fails the check (proved on a fixture).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeElements } from '../../scripts/manifest/analyze.mjs';
import {
  checkDocumentation,
  definedElements,
} from '../../scripts/manifest/check-documentation.mjs';
import { manifestElements } from '../../scripts/manifest/editor-data.mjs';
import { MANIFEST_FILES, renderManifestFiles } from '../../scripts/manifest/manifest-files.mjs';

/** What these tests read of the manifest's shapes (custom-elements-manifest schema 1.0.0). */
interface Entry {
  name: string;
  description?: string;
  default?: string;
  type?: { text: string };
}
interface CustomElementDeclaration {
  name: string;
  tagName: string;
  summary?: string;
  attributes?: Entry[];
  members?: Entry[];
  events?: Entry[];
  slots?: Entry[];
  cssParts?: Entry[];
  cssProperties?: Entry[];
}
interface Package {
  modules: { path: string; declarations?: unknown[] }[];
}

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(import.meta.dirname, 'fixtures/two-elements');

let files: Record<string, string>;
let manifest: Package;
let elements: Map<string, CustomElementDeclaration>;

before(async () => {
  files = await renderManifestFiles(root);
  manifest = JSON.parse(files[MANIFEST_FILES.manifest]!);
  elements = new Map(
    (manifestElements(manifest) as CustomElementDeclaration[]).map((element) => [
      element.tagName,
      element,
    ]),
  );
});

const names = (items: { name: string }[] | undefined) => (items ?? []).map((item) => item.name);

describe('custom-elements.json', () => {
  test('every element registered in src/elements/*/define.ts is in it under its tag, with a summary', () => {
    const defined = definedElements(root);
    assert.ok(defined.length >= 15, `only ${defined.length} elements found`);
    for (const { tag, className } of defined) {
      const element = elements.get(tag);
      assert.ok(element, `<${tag}> is missing`);
      assert.equal(element.name, className);
      assert.ok(element.summary?.trim(), `<${tag}> has no summary`);
    }
  });

  test('the source has no attribute, event, slot, part or own CSS property its JSDoc leaves out', () => {
    assert.deepEqual(checkDocumentation(root, manifest), []);
  });

  test('attributes, events, slots and parts are as the elements declare them', () => {
    const grid = elements.get('convene-grid')!;
    assert.deepEqual(names(grid.attributes), ['page-size', 'page', 'label', 'layout', 'pinned']);
    assert.deepEqual(
      grid.events?.map((event) => [event.name, event.type?.text]),
      [
        ['convene-page-change', 'ConvenePageChangeEvent'],
        ['convene-pin-change', 'ConvenePinChangeEvent'],
      ],
    );
    assert.ok(names(grid.cssParts).includes('tile-name'), 'the exported tile parts are listed');
    assert.deepEqual(names(elements.get('convene-controls')!.slots), ['start', 'end']);
    assert.deepEqual(names(elements.get('convene-room')!.slots), ['']);
    const room = elements.get('convene-room')!;
    assert.deepEqual(names(room.events).sort(), [
      'convene-error',
      'convene-joined',
      'convene-left',
      'convene-reconnected',
      'convene-reconnecting',
    ]);
    // A property-only input (attribute: false) is a property, never an attribute.
    assert.ok(!names(room.attributes).includes('client'));
    assert.ok(room.members?.some((member) => member.name === 'client'));
  });

  test("the design tokens an element's styles read are its CSS properties, with their defaults", () => {
    const pagination = elements.get('convene-pagination')!;
    const radius = pagination.cssProperties?.find((p) => p.name === '--convene-radius-control');
    assert.equal(radius?.default, '8px');
    assert.equal(radius?.description, "The buttons' corner radius.");
    const tile = pagination.cssProperties?.find((p) => p.name === '--convene-color-tile');
    assert.equal(tile?.default, 'light-dark(#dfe2e8, #23262d)');
    assert.ok(
      names(elements.get('convene-grid')!.cssProperties).includes('--convene-grid-gap'),
      "the grid's own properties come from its JSDoc",
    );
  });

  test('the committed manifest and editor data are what `npm run manifest` writes now', () => {
    for (const name of Object.values(MANIFEST_FILES)) {
      const committed = readFileSync(path.join(root, name), 'utf8');
      assert.ok(
        committed === files[name],
        `${name} is out of date with the elements' JSDoc: run \`npm run manifest\` and commit it`,
      );
    }
  });

  test("the package's package.json points editors and tools at the files", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'packages/convene/package.json'), 'utf8'));
    assert.equal(pkg.customElements, MANIFEST_FILES.manifest);
    assert.equal(pkg['web-types'], `./${MANIFEST_FILES.webTypes}`);
  });
});

describe('editor data', () => {
  test('VS Code custom data has every element with its attributes and their values', () => {
    const data = JSON.parse(files[MANIFEST_FILES.vscode]!);
    assert.deepEqual(
      data.tags.map((tag: { name: string }) => tag.name),
      [...elements.keys()].sort(),
    );
    const meeting = data.tags.find((tag: { name: string }) => tag.name === 'convene-meeting');
    assert.match(meeting.description, /^The prebuilt meeting/);
    const theme = meeting.attributes.find((a: { name: string }) => a.name === 'theme');
    assert.deepEqual(
      theme.values.map((value: { name: string }) => value.name),
      ['light', 'dark', 'auto'],
    );
    const skip = meeting.attributes.find((a: { name: string }) => a.name === 'skip-preview');
    assert.equal(skip.valueSet, 'v', 'a boolean attribute takes no value');
  });

  test('web-types has every element with attributes, events, slots, parts and CSS properties', () => {
    const data = JSON.parse(files[MANIFEST_FILES.webTypes]!);
    assert.equal(data.name, 'convene');
    const byName = new Map<string, any>(
      data.contributions.html.elements.map((element: { name: string }) => [element.name, element]),
    );
    assert.deepEqual([...byName.keys()], [...elements.keys()].sort());
    const controls = byName.get('convene-controls');
    assert.deepEqual(names(controls.slots), ['start', 'end']);
    assert.ok(names(controls.events).includes('convene-panel-toggle'));
    assert.ok(names(controls.css.parts).includes('microphone'));
    assert.ok(names(controls.css.properties).includes('--convene-color-accent'));
    assert.ok(names(controls.attributes).includes('open-panel'));
  });
});

describe('the documentation check', () => {
  test('fails an element that lacks its JSDoc, naming each piece, and passes a documented one', async () => {
    const problems = checkDocumentation(fixture, await analyzeElements(fixture));
    assert.deepEqual(problems, [
      '<convene-undocumented> has no @summary',
      "<convene-undocumented>'s attribute value-text has no description",
      "<convene-undocumented>'s attribute disabled has no description",
      "<convene-undocumented>'s event convene-fixture-change has no description",
      "<convene-undocumented>'s event convene-fixture-ready has no description",
      '<convene-undocumented> lacks JSDoc for slot (default)',
      '<convene-undocumented> lacks JSDoc for slot footer',
      '<convene-undocumented> lacks JSDoc for CSS part base',
      '<convene-undocumented> lacks JSDoc for CSS part label',
      '<convene-undocumented> lacks JSDoc for CSS property --convene-undocumented-gap',
    ]);
  });

  test('fails a registered element the manifest does not list', async () => {
    const fixtureManifest = await analyzeElements(fixture);
    const withoutOne = {
      ...fixtureManifest,
      modules: fixtureManifest.modules.filter(
        (module: { path: string }) => !module.path.includes('convene-documented'),
      ),
    };
    assert.ok(
      checkDocumentation(fixture, withoutOne).includes(
        '<convene-documented> (ConveneDocumented) is not in the manifest',
      ),
    );
  });
});
