/**
 * The one place where text from a CRD becomes part of a comment or a string literal in the output.
 * Every doc comment (descriptions, tags, deprecation warnings) and every string literal (group,
 * version, kind, listKind, module specifiers) passes through these two functions, so no input can
 * end a comment or a literal early.
 */

const TAG_START = /(^|[\s\u0085\u200b{])@/gu;

/**
 * Text safe inside a `/** ... *\/` comment. `*\/` would end the comment; `/*` inside a comment
 * misleads ts-morph's writer into thinking a nested comment opened (it then garbles the next tag).
 * Both are backslash-escaped: editors render doc comments as Markdown, where `\*` and `\/` show as
 * `*` and `/`. So is every `@` where TypeScript's JSDoc parser would start a tag (`@daily`,
 * `@username`): at the start of a line or after white space (tabs, no-break and zero-width spaces
 * too), and after `{` (an inline `{@link}`), backticks or not; Markdown shows `\@` as `@`.
 */
export function commentText(text: string): string {
  // All three need a `*` or an `@` (most text has neither).
  if (!text.includes('*') && !text.includes('@')) return text;
  return text
    .replace(/\/\*/g, '/\\*')
    .replace(/\*\//g, '*\\/')
    .replace(TAG_START, '$1\\@');
}

/** A single-quoted TypeScript string literal holding exactly `value`. */
export function stringLiteral(value: string): string {
  const escaped = value.replace(/[\\'\u0000-\u001f\u2028\u2029\u007f]/g, (c) => {
    if (c === '\\' || c === "'") return `\\${c}`;
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `'${escaped}'`;
}

/**
 * A JSON value as a JavaScript expression: JSON text, except that a `__proto__` key is written
 * computed (`["__proto__"]`), since a literal one would set the object's prototype instead.
 */
export function jsonExpression(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v: unknown) => jsonExpression(v ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([k, v]) => `${k === '__proto__' ? '["__proto__"]' : JSON.stringify(k)}:${jsonExpression(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
