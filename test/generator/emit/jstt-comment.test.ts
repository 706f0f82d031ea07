// jsttComment writes a doc comment as json-schema-to-typescript's printer does: its text must be
// what that printer (the package's own module) writes above a declaration with the comment.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { jsttComment } from '../../../src/generator/emit/jstt-ast.js';

const fromJstt = createRequire(createRequire(import.meta.url).resolve('json-schema-to-typescript/dist/src/index.js'));
const { generate } = fromJstt('./generator.js') as { generate(ast: object, options: object): string };
const { DEFAULT_OPTIONS } = fromJstt('./index.js') as { DEFAULT_OPTIONS: object };

/** json-schema-to-typescript's comment above an empty interface with this comment. */
function printed(comment: string | undefined, deprecated: boolean | undefined): string {
  const text = generate({ type: 'INTERFACE', standaloneName: 'X', params: [], superTypes: [], ...(comment === undefined ? {} : { comment }), ...(deprecated === undefined ? {} : { deprecated }) }, { ...DEFAULT_OPTIONS, bannerComment: '', format: false });
  return text.slice(0, text.indexOf('\nexport interface X'));
}

describe('jsttComment', () => {
  const comments = ['One line.', 'Two\nlines.', '\nLeading break', 'Trailing break\n', 'Blank\n\nline', '  indented\n\tand tab', 'ends with space ', '@tag text\nmore', '\n', '*/ inside'];

  it("gives json-schema-to-typescript's comment for every comment, deprecated or not", () => {
    for (const comment of comments) {
      for (const deprecated of [undefined, false, true]) expect(jsttComment(comment, deprecated), JSON.stringify([comment, deprecated])).toBe(printed(comment, deprecated));
    }
    expect(jsttComment(undefined, true)).toBe(printed(undefined, true));
  });

  it('writes the lines between /** and */, each after " * "', () => {
    expect(jsttComment('a\nb', true)).toBe('/**\n * @deprecated\n * a\n * b\n */');
    expect(jsttComment('', false)).toBe('/**\n * \n */');
    expect(jsttComment(undefined, false)).toBe('/**\n */');
  });
});
