// The walls between the server's parts, checked by `npm run lint` (dependency-cruiser). Production
// files only: tests may reach into a module to set up data. The layers, bottom up: config,
// kernel, db, jobs, http, channels, app (the module contract), the modules, and the composition
// root (src/*.ts). See ARCHITECTURE.md, "Layers and walls".
const SRC = '^apps/server/src/';
const TEST = '(\\.test\\.ts$|/testing/|/testing\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycle-between-folders',
      comment:
        'A cycle through two server folders (modules or layers). scripts/module-graph.mjs --check (also in the lint) catches folder cycles that no single file cycle shows.',
      severity: 'error',
      from: { path: `${SRC}(modules/[^/]+|[^/]+)/`, pathNot: TEST },
      to: { circular: true, pathNot: `${SRC}$1/` },
    },
    {
      name: 'module-through-its-index',
      comment:
        "Another module is imported through its index.ts only (its public surface); a module's other files are its own.",
      severity: 'error',
      from: { path: `${SRC}modules/([^/]+)/`, pathNot: TEST },
      to: {
        path: `${SRC}modules/[^/]+/`,
        pathNot: [`${SRC}modules/$1/`, `${SRC}modules/[^/]+/index\\.ts$`],
      },
    },
    {
      name: 'root-wires-module-files-only',
      comment:
        "The composition root imports a module's index.ts, its module.ts (what it plugs in) and its *.tables.ts (drizzle-kit's list).",
      severity: 'error',
      from: { path: `${SRC}[^/]+\\.ts$`, pathNot: TEST },
      to: {
        path: `${SRC}modules/[^/]+/`,
        pathNot: `${SRC}modules/[^/]+/(index|module|[\\w-]+\\.tables)\\.ts$`,
      },
    },
    {
      name: 'lower-layers-import-no-module',
      comment: 'config, kernel, db, jobs, http, channels and app import no module.',
      severity: 'error',
      from: { path: `${SRC}(config\\.ts$|kernel/|db/|jobs/|http/|channels/|app/)`, pathNot: TEST },
      to: { path: `${SRC}modules/` },
    },
    {
      name: 'kernel-imports-nothing-above',
      comment: 'The kernel is the bottom layer: it imports only itself.',
      severity: 'error',
      from: { path: `${SRC}kernel/`, pathNot: TEST },
      to: { path: `${SRC}`, pathNot: `${SRC}kernel/` },
    },
    {
      name: 'db-below-jobs-http-channels',
      comment: 'db builds on config and the kernel only.',
      severity: 'error',
      from: { path: `${SRC}db/`, pathNot: TEST },
      to: { path: `${SRC}(jobs|http|channels|app)/` },
    },
    {
      name: 'web-apps-import-no-server-code',
      comment:
        'The console and the app talk to the server over HTTP (packages/api-client), never by import.',
      severity: 'error',
      from: { path: '^apps/(console|app)/' },
      to: { path: '^(apps/server/|bench/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
