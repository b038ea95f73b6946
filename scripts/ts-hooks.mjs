/**
 * Runs the TypeScript sources directly on Node 24+ (no build), with Node's own type stripping:
 * `node --no-warnings --import ./scripts/ts-hooks.mjs main.ts` (the code keeps to erasable syntax,
 * which `erasableSyntaxOnly` in tsconfig.json enforces). Sources import each other as `./x.js` (what `tsc` emits);
 * this maps such a specifier to `./x.ts` when only the TypeScript file exists. Used by the crash
 * tests, the operations scripts and the benchmarks, which must start quickly without a build.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if ((specifier.startsWith('.') || specifier.startsWith('/')) && specifier.endsWith('.js')) {
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
      throw error;
    }
  },
});
