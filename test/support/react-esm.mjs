// React in web-test-runner: react and react-dom ship CommonJS, which the browser cannot import.
// Vite bundles both once into one ES module (one React, shared by react-dom and the wrappers),
// served at /__react/, and `react`, `react-dom` and `react-dom/client` imports resolve to modules re-exporting
// from it under their own names.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const BUNDLE = '/__react/bundle.js';
const SHIMS = {
  react: { path: '/__react/react.js', from: 'react' },
  'react-dom': { path: '/__react/react-dom.js', from: 'reactDom' },
  'react-dom/client': { path: '/__react/react-dom-client.js', from: 'reactDomClient' },
};

async function bundle() {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"development"' },
    build: {
      write: false,
      minify: false,
      lib: {
        entry: fileURLToPath(new URL('./react-entry.js', import.meta.url)),
        formats: ['es'],
        fileName: 'bundle',
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  return outputs.find((chunk) => chunk.type === 'chunk' && chunk.isEntry).code;
}

/** The shim for `specifier`: its default and every named export, from the one bundle. */
function shim(specifier) {
  // Listed by a node of its own: loading React here would wrap the runner's console.
  const names = execFileSync(process.execPath, [
    '-p',
    `Object.keys(require(${JSON.stringify(specifier)})).join(' ')`,
  ])
    .toString()
    .trim()
    .split(' ')
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  return [
    `import { ${SHIMS[specifier].from} as namespace } from '${BUNDLE}';`,
    'const module = namespace.default ?? namespace;',
    'export default module;',
    ...names.map((name) => `export const ${name} = module.${name};`),
  ].join('\n');
}

export function reactAsEsm() {
  let code;
  return {
    name: 'react-as-esm',
    resolveImport({ source }) {
      return SHIMS[source]?.path;
    },
    async serve(context) {
      if (context.path === BUNDLE) {
        code ??= bundle();
        return { body: await code, type: 'js' };
      }
      const entry = Object.entries(SHIMS).find(([, value]) => value.path === context.path);
      if (entry) return { body: shim(entry[0]), type: 'js' };
      return undefined;
    },
  };
}
