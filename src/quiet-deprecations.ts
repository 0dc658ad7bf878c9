// The JSON Schema formats that kubernetes-models' validators load (ajv-formats-draft2019) require
// Node's own `punycode` module, which Node flags as deprecated (DEP0040) on stderr. That notice
// is for podlint's developers, not its users: drop it, and only it. Imported first by each entry.
const emitWarning = process.emitWarning.bind(process);

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: string }).code : rest[1];
  if (code === 'DEP0040') return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;
