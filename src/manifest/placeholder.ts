// envsubst placeholders: cluster-api templates, `envsubst < deploy.yaml | kubectl apply -f -`
// pipelines and the like write `replicas: ${REPLICAS}` or `image: ${REGISTRY}/app:${TAG:-dev}`
// where the type allows no string until substitution. Such a value is unknown, not wrong: no
// type, enum, format or pinning verdict is given on it.

/** `${VAR}` (`${ VAR }` too) and the shell forms envsubst tools accept: `${VAR:-default}`, `${VAR=x}`, `${VAR:?}`... */
const PLACEHOLDER = /\$\{\s*[A-Za-z_][A-Za-z0-9_]*\s*(?:(?::?[-=+?]|[:/#%^,])[^}]*)?\}/;

export function holdsPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${') && PLACEHOLDER.test(value);
}
