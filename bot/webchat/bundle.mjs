// Brings Microsoft's Web Chat browser bundle into the bot's static resources at build time, so the
// page is served by the bot itself (no CDN) and no third-party bundle is committed.
//
//   node bundle.mjs <output directory> [<admin vendor directory>]
//
// The Maven build passes target/classes/static/webchat and target/classes/static/admin/vendor: the
// admin pages' script editor (CodeMirror 5, its YAML mode and lint gutter) and diagram renderer
// (Mermaid) and the insights dashboard's charts (Chart.js) come from the same lock file, each as a ready browser file with its licence.
//
// `npm ci` installs exactly what package-lock.json pins. It is run only when the lock file changed
// since the last install (a stamp in node_modules records its hash): a full install takes 30 s or
// more and 400-odd packages, of which we copy one prebuilt file.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const output = process.argv[2];
const adminOutput = process.argv[3];
if (!output) {
  console.error('usage: node bundle.mjs <output directory> [<admin vendor directory>]');
  process.exit(2);
}

const dist = join(here, 'node_modules', 'botframework-webchat', 'dist');
const stamp = join(here, 'node_modules', '.certdesk-lock.sha256');
const lockHash = createHash('sha256')
  .update(readFileSync(join(here, 'package.json')))
  .update(readFileSync(join(here, 'package-lock.json')))
  .digest('hex');

const modules = join(here, 'node_modules');
// What the admin pages load, from where npm puts it: [package file, name in the vendor directory].
const adminFiles = [
  ['codemirror/lib/codemirror.js', 'codemirror.js'],
  ['codemirror/lib/codemirror.css', 'codemirror.css'],
  ['codemirror/mode/yaml/yaml.js', 'yaml.js'],
  ['codemirror/addon/lint/lint.js', 'lint.js'],
  ['codemirror/addon/lint/lint.css', 'lint.css'],
  ['codemirror/LICENSE', 'codemirror.LICENSE.txt'],
  ['mermaid/dist/mermaid.min.js', 'mermaid.min.js'],
  ['mermaid/LICENSE', 'mermaid.LICENSE.txt'],
  // The insights dashboard's charts (canvas, no eval: fits the admin pages' script-src 'self').
  ['chart.js/dist/chart.umd.min.js', 'chart.umd.min.js'],
  ['chart.js/LICENSE.md', 'chart.js.LICENSE.md'],
];

const installed = existsSync(join(dist, 'webchat.js')) && existsSync(stamp)
  && adminFiles.every(([file]) => existsSync(join(modules, file)))
  && readFileSync(stamp, 'utf8').trim() === lockHash;
if (!installed) {
  console.log('webchat: npm ci (package-lock.json changed or nothing installed yet)');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: here,
    stdio: 'inherit',
    shell: process.platform === 'win32', // npm is npm.cmd there
  });
  if (npm.error || npm.status !== 0) {
    console.error('webchat: npm ci failed' + (npm.error ? ': ' + npm.error.message : ` (exit ${npm.status})`)
      + '. Node.js and npm are needed to build the bot (see the README).');
    process.exit(1);
  }
  writeFileSync(stamp, lockHash + '\n');
}

mkdirSync(output, { recursive: true });
// The licence notice travels with the bundle (MIT asks for it).
for (const file of ['webchat.js', 'webchat.js.LICENSE.txt']) {
  copyFileSync(join(dist, file), join(output, file));
}
console.log(`webchat: copied botframework-webchat dist/webchat.js to ${output}`);

if (adminOutput) {
  mkdirSync(adminOutput, { recursive: true });
  for (const [file, name] of adminFiles) {
    copyFileSync(join(modules, file), join(adminOutput, name));
  }
  console.log(`admin: copied CodeMirror 5, Mermaid and Chart.js to ${adminOutput}`);
}
