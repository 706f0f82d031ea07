/**
 * `a` or `an` before a kind name, chosen by how the name sounds, not how it is spelled: "an
 * Exporter", "a User", "an HTTPRoute" (aitch), "an S3Bucket" (ess), "a UDPRoute" (you).
 */

/** Letters whose spoken name starts with a vowel sound (eff, aitch, el, em, en, ar, ess, ex, and the vowels but U). */
const VOWEL_SOUND_LETTERS = new Set(['A', 'E', 'F', 'H', 'I', 'L', 'M', 'N', 'O', 'R', 'S', 'X']);

/** Capitals read as a word, not letter by letter (then the word's own sound decides). */
const WORD_ACRONYMS: readonly string[] = ['NATS', 'NAT', 'SAML', 'SCIM', 'SOAP', 'UNIX'];

/** Word starts where a vowel letter sounds like a consonant (`you`, `won`), and where an `h` is silent. */
const CONSONANT_SOUND_STARTS = /^(?:uni|use|usa|usu|uti|ure|uri|uro|eu|one|once|ewe)/i;
const SILENT_H_STARTS = /^(?:hour|honest|honou?r|heir)/i;

/** The leading capitals read letter by letter (`HTTPRoute` -> `HTTP`, `S3Bucket` -> `S`), or undefined for a word. */
function leadingAcronym(name: string): string | undefined {
  const run = /^[A-Z]+/.exec(name)?.[0] ?? '';
  const next = name.charAt(run.length);
  if (run.length >= 2) return /[a-z]/.test(next) ? run.slice(0, -1) : run;
  if (run.length === 1 && (next === '' || /[0-9_]/.test(next))) return run;
  return undefined;
}

/** `a` or `an` for `name`. */
export function article(name: string): 'a' | 'an' {
  const acronym = leadingAcronym(name);
  const spelled = acronym !== undefined && !WORD_ACRONYMS.some((w) => acronym.startsWith(w));
  if (spelled) return VOWEL_SOUND_LETTERS.has(acronym.charAt(0)) ? 'an' : 'a';
  if (SILENT_H_STARTS.test(name)) return 'an';
  if (CONSONANT_SOUND_STARTS.test(name)) return 'a';
  return /^[aeiou]/i.test(name) ? 'an' : 'a';
}

/** `name` with its article: `an Exporter`. */
export const withArticle = (name: string): string => `${article(name)} ${name}`;
