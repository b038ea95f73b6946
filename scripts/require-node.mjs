// Run before anything else by `npm start`: on an unsupported Node, stop at once with a clear message
// instead of a crash deep inside a module (the built-in SQLite driver, `node:sqlite`, needs Node 24).
// Plain JavaScript with no imports, so that it runs on any Node.
var needed = 24;
var major = Number(process.versions.node.split('.')[0]);
if (major < needed) {
  console.error(
    "L'agent bricoleur needs Node.js " +
      needed +
      ' LTS or later; this is Node.js ' +
      process.versions.node +
      '.\n' +
      'Install Node.js ' +
      needed +
      ' or later (https://nodejs.org), then run `npm install && npm start` again.',
  );
  process.exit(1);
}
