// Builds the portal's front-end files into ../wwwroot/lib, where they are committed: nothing is built at run time
// or in CI. Run `npm ci && npm run build` here after changing a view's classes, an icon or a Bootstrap plugin.
//
//   lib/bootstrap/css/bootstrap.portal.min.css  Bootstrap's Sass (src/bootstrap.portal.scss), purged of every
//                                               selector that no view, C# file or script under ../ names
//   lib/bootstrap/js/bootstrap.portal.min.js    only the Bootstrap plugins the views use (src/bootstrap.portal.js)
//   lib/bootstrap-icons/icons/<name>.svg        the icons below, which IconTagHelper inlines as <svg>
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';
import { PurgeCSS } from 'purgecss';
import * as sass from 'sass';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, '..');
const lib = path.join(web, 'wwwroot', 'lib');

// Every icon a view names with <icon name="…" />. A name missing here fails the page that uses it.
const icons = [
  'alarm', 'archive', 'bar-chart', 'briefcase-fill', 'building', 'check2-circle', 'download', 'exclamation-triangle',
  'filetype-json', 'fire', 'flag', 'funnel', 'graph-up', 'heart', 'heart-fill', 'hourglass-split', 'inbox', 'key',
  'list', 'patch-check', 'pencil', 'person-circle', 'person-dash', 'person-plus', 'plus-lg', 'send-check', 'shop',
  'translate', 'trophy', 'x-circle', 'x-lg',
];

// Classes that Bootstrap's script adds at run time, so no view names them.
const addedByScript = [
  'show', 'showing', 'hiding', 'fade', // offcanvas, its backdrop and the dismissible alert
  'offcanvas-backdrop',
];

async function buildCss() {
  const compiled = sass.compile(path.join(here, 'src', 'bootstrap.portal.scss'), {
    loadPaths: [path.join(here, 'node_modules')],
    style: 'expanded',
    quietDeps: true, // Bootstrap 5.3's own Sass uses @import and global functions, which dart-sass warns about
    silenceDeprecations: ['import'],
  });
  const [purged] = await new PurgeCSS().purge({
    content: [
      path.join(web, 'Views', '**', '*.cshtml'),
      path.join(web, 'Features', '**', '*.cs'),
      path.join(web, 'Infrastructure', '**', '*.cs'),
      path.join(web, 'wwwroot', 'js', '*.js'),
    ],
    css: [{ raw: compiled.css }],
    safelist: { standard: addedByScript },
    keyframes: true,
  });
  const { code } = await esbuild.transform(purged.css, { loader: 'css', minify: true, target: ['chrome100', 'firefox100', 'safari15'] });
  const banner = '/*! Bootstrap v5.3.8 (https://getbootstrap.com/), only the parts LeadPortal uses. Copyright 2011-2025 The Bootstrap Authors. Licensed under MIT (https://github.com/twbs/bootstrap/blob/main/LICENSE) */\n';
  await mkdir(path.join(lib, 'bootstrap', 'css'), { recursive: true });
  await writeFile(path.join(lib, 'bootstrap', 'css', 'bootstrap.portal.min.css'), banner + code);
  return code.length;
}

async function buildJs() {
  const result = await esbuild.build({
    entryPoints: [path.join(here, 'src', 'bootstrap.portal.js')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'bootstrap',
    target: ['es2019'],
    legalComments: 'none',
    banner: { js: '/*! Bootstrap v5.3.8 (https://getbootstrap.com/): alert and offcanvas only. Copyright 2011-2025 The Bootstrap Authors. Licensed under MIT (https://github.com/twbs/bootstrap/blob/main/LICENSE) */' },
    outfile: path.join(lib, 'bootstrap', 'js', 'bootstrap.portal.min.js'),
    write: true,
    metafile: true,
  });
  return Object.values(result.metafile.outputs)[0].bytes;
}

async function copyIcons() {
  const from = path.join(here, 'node_modules', 'bootstrap-icons');
  const to = path.join(lib, 'bootstrap-icons');
  await rm(path.join(to, 'icons'), { recursive: true, force: true });
  await mkdir(path.join(to, 'icons'), { recursive: true });
  await Promise.all(icons.map(name => copyFile(path.join(from, 'icons', `${name}.svg`), path.join(to, 'icons', `${name}.svg`))));
  await copyFile(path.join(from, 'LICENSE'), path.join(to, 'LICENSE'));
  return (await readdir(path.join(to, 'icons'))).length;
}

const [css, js, iconCount] = await Promise.all([buildCss(), buildJs(), copyIcons()]);
console.log(`bootstrap.portal.min.css ${css} bytes, bootstrap.portal.min.js ${js} bytes, ${iconCount} icons`);
