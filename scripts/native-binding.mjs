// The Electron build of better-sqlite3-multiple-ciphers, kept beside (never instead of) the Node
// build. node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node stays the
// Node build that `npm test` loads; native/electron/better_sqlite3.node is built for Electron's ABI
// and handed to the app through HUSHDESK_NATIVE_BINDING (the `nativeBinding` option of the
// database constructor). So `npm start` and `npm test` can follow each other in any order.
//
// How: copy the package (sources, without its build/ folder) to native/electron/pkg, then inside
// that copy try the prebuilt Electron binary (prebuild-install, like the package's own install
// script), else compile it with node-gyp against Electron's headers. Both need internet.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const MODULE = 'better-sqlite3-multiple-ciphers';

export const nativeDir = path.join(root, 'native', 'electron');
export const electronBindingPath = path.join(nativeDir, 'better_sqlite3.node');
const stampPath = path.join(nativeDir, 'build-info.json');

function run(cmd, args, cwd) {
  process.stdout.write(`native: ${path.basename(cmd)} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: process.env });
  return r.status === 0;
}

/** Returns the path of an Electron build of the SQLite module, building it when missing or stale. */
export function ensureElectronBinding({ force = false } = {}) {
  const electronVersion = require('electron/package.json').version;
  const moduleDir = path.dirname(require.resolve(`${MODULE}/package.json`));
  const moduleVersion = JSON.parse(readFileSync(path.join(moduleDir, 'package.json'), 'utf8')).version;
  const wanted = { module: MODULE, moduleVersion, electronVersion, platform: process.platform, arch: process.arch };

  if (!force && existsSync(electronBindingPath) && existsSync(stampPath)) {
    const have = JSON.parse(readFileSync(stampPath, 'utf8'));
    if (JSON.stringify(have) === JSON.stringify(wanted)) return electronBindingPath;
  }

  process.stdout.write(`native: building ${MODULE} ${moduleVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})\n`);
  const pkgDir = path.join(nativeDir, 'pkg');
  rmSync(pkgDir, { recursive: true, force: true });
  mkdirSync(nativeDir, { recursive: true });
  // Sources only: the Node build in build/ is neither copied nor touched.
  cpSync(moduleDir, pkgDir, {
    recursive: true,
    filter: (src) => path.relative(moduleDir, src).split(path.sep)[0] !== 'build',
  });

  try {
    const common = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${process.arch}`];
    const prebuildInstall = require.resolve('prebuild-install/bin.js', { paths: [moduleDir] });
    const gotPrebuilt =
      run(process.execPath, [prebuildInstall, ...common, `--platform=${process.platform}`], pkgDir);
    if (!gotPrebuilt) {
      const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
      const built = run(
        process.execPath,
        [nodeGyp, 'rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers'],
        pkgDir,
      );
      if (!built) {
        throw new Error(
          `could not get an Electron build of ${MODULE}: no prebuilt binary was downloaded and node-gyp failed ` +
            '(needs internet, Python 3 and a C++ toolchain)',
        );
      }
    }
    const produced = path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(produced)) throw new Error(`build finished but ${produced} is missing`);
    copyFileSync(produced, electronBindingPath);
  } finally {
    // The copied sources (about 10 MB) are only needed during the build.
    rmSync(pkgDir, { recursive: true, force: true });
  }
  writeFileSync(stampPath, JSON.stringify(wanted, null, 2) + '\n');
  return electronBindingPath;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`native: ${ensureElectronBinding({ force: process.argv.includes('--force') })}\n`);
  } catch (e) {
    process.stderr.write(`native: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
