// TypeDoc plugin (typedoc.json "plugin"): names each entry module after the import path it documents
// ("@parley/core/provider", not "provider" or "index") and puts it in its section ("App API",
// "Provider toolkit", "Wire types", …) on its package's page. The import path comes from the
// package.json "exports" entry whose "types" is the entry file, so a new entry needs no change here
// unless its subpath needs a section of its own. An entry file's own `@module <name>` still wins.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

/** The section of each export subpath; anything else is "App API". */
const SECTIONS = {
  './provider': 'Provider toolkit',
  './wire': 'Wire types',
  './testing': 'Testing',
  './conformance': 'Testing',
  './tsyringe': 'Integrations',
};

/** The nearest package.json above `file`, parsed, with its folder. */
function owningPackage(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return undefined;
}

/** The import path and section of an entry file, from its package's exports. */
function entryOf(file) {
  const found = owningPackage(file);
  if (found === undefined) return undefined;
  for (const [subpath, target] of Object.entries(found.manifest.exports ?? {})) {
    const types = typeof target === 'string' ? target : target.types;
    if (types !== undefined && resolve(found.dir, types) === resolve(file)) {
      return {
        importPath: found.manifest.name + subpath.slice(1),
        section: SECTIONS[subpath] ?? 'App API',
      };
    }
  }
  return undefined;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(
    Converter.EVENT_CREATE_DECLARATION,
    (context, reflection) => {
      if (!reflection.kindOf(ReflectionKind.Module)) return;
      const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
      const entry = file === undefined ? undefined : entryOf(file);
      if (entry === undefined) return;
      const moduleTag = reflection.comment?.getTag('@module');
      // A bare `@module` (a module comment without a name) keeps the import path.
      if (moduleTag === undefined || Comment.combineDisplayParts(moduleTag.content).trim() === '') {
        reflection.name = entry.importPath;
      }
      reflection.comment ??= new Comment();
      if (!reflection.comment.getTag('@group')) {
        reflection.comment.blockTags.push(new CommentTag('@group', [{ kind: 'text', text: entry.section }]));
      }
    },
    // Before TypeDoc's own comment handling, which applies an entry's `@module` tag.
    100,
  );
}
