// The layers of Hookscope, enforced (`npm run lint`, and test/unit/electron/layering.test.ts):
//
//   shared/            pure data and functions: imports nothing of ours outside shared/
//   renderer/          the UI: no Node module, nothing from electron/
//   electron/core/store/ (with secrets/, private-files.ts below it): nothing above the store
//   electron/core/     the core: no shell; handlers/ (the contract's implementation) are its top
//   electron/main|server|preload, bench/: the shells reach the core only through electron/core/index.ts,
//                      and the two shells (desktop app, headless server/CLI) import nothing of each other
//   renderer/state/    the UI's stores: nothing from the views (renderer/features/)
//
// and no import cycle anywhere. `electron` itself may be imported only by electron/main and
// electron/preload (eslint.config.js). Each rule is shown failing on a file that breaks it in
// test/unit/electron/layering.test.ts.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle: modules that cannot be understood (or loaded) one without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-stays-shared',
      severity: 'error',
      comment: 'shared/ is used by the core, the shells and the renderer alike: it imports nothing of ours outside shared/.',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer|bench|scripts|test)/' },
    },
    {
      name: 'renderer-not-node',
      severity: 'error',
      comment: 'The renderer is a web app (it also runs in a plain browser): no Node module.',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-electron',
      severity: 'error',
      comment: 'The renderer talks to the core through the API contract (shared/api), never by importing electron/.',
      from: { path: '^renderer/' },
      to: { path: '^electron/' },
    },
    {
      name: 'store-imports-nothing-above',
      severity: 'error',
      comment: 'The store is the bottom of the core: it may use shared/, secrets/ and private-files.ts, nothing above it.',
      from: { path: '^electron/core/store/' },
      to: { path: '^electron/core/', pathNot: '^electron/core/(store/|secrets/|private-files\\.ts$)' },
    },
    {
      name: 'handlers-are-the-top',
      severity: 'error',
      comment: 'handlers/ implement the API contract on top of the core: only service.ts composes them; nothing in the core builds on a handler.',
      from: { path: '^electron/core/', pathNot: '^electron/core/(handlers/|service\\.ts$)' },
      to: { path: '^electron/core/handlers/' },
    },
    {
      name: 'renderer-state-below-features',
      severity: 'error',
      comment: 'The renderer\'s stores (state/) hold what the views (features/) show: a store never imports a view\'s module.',
      from: { path: '^renderer/state/' },
      to: { path: '^renderer/features/' },
    },
    {
      name: 'core-imports-no-shell',
      severity: 'error',
      comment: 'The core knows nothing of the shells that expose it (CLI, headless server, Electron main, preload).',
      from: { path: '^electron/core/' },
      to: { path: '^electron/(main|server|preload)/' },
    },
    {
      name: 'shells-stand-apart',
      severity: 'error',
      comment: 'The desktop app and the headless server/CLI are two shells: what both need lives in shared/ or the core, not in one of them.',
      from: { path: '^electron/main/' },
      to: { path: '^electron/server/' },
    },
    {
      name: 'shells-stand-apart-too',
      severity: 'error',
      comment: 'The desktop app and the headless server/CLI are two shells: what both need lives in shared/ or the core, not in one of them.',
      from: { path: '^electron/server/' },
      to: { path: '^electron/main/' },
    },
    {
      name: 'shells-enter-the-core-by-its-door',
      severity: 'error',
      comment: 'The shells and the benches import the core only through electron/core/index.ts.',
      from: { path: '^(electron/(main|server|preload)|bench)/' },
      to: { path: '^electron/core/', pathNot: '^electron/core/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|out|release)/|^bench/\\.scratch/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
