/**
 * json-schema-to-typescript walks a schema as plain objects and calls methods such as
 * `hasOwnProperty` on them; a `properties` map with a property of that name makes it throw. Such
 * names (every Object.prototype member, and anything that looks like our own encoding) go to it
 * encoded and are decoded when the declarations are emitted. The encoding is a bijection, so no
 * wire name can be mistaken for another.
 */
const PREFIX = '__crdgen_own_';
const SUFFIX = '__';
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

export function encodePropertyName(name: string): string {
  return PROTOTYPE_NAMES.has(name) || name.startsWith(PREFIX) ? `${PREFIX}${name}${SUFFIX}` : name;
}

/** The wire name of a property name the type generator saw (unchanged when not encoded). */
export function decodePropertyName(name: string): string {
  return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name.length >= PREFIX.length + SUFFIX.length
    ? name.slice(PREFIX.length, name.length - SUFFIX.length)
    : name;
}
