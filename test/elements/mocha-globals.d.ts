// The element tests run in web-test-runner's mocha, whose describe/it/afterEach are globals in
// the browser; tsconfig's `types` lists only node, so they are brought in here.
/// <reference types="mocha" />
