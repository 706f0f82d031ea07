/** The CEL package generated validators import, and the version crdgen is built and tested with (package.json's dependency). */
export const CEL_JS = { name: '@marcbachmann/cel-js', version: '8.0.0' } as const;

/** What to run in a project that lacks it. */
export const CEL_JS_INSTALL = `npm install ${CEL_JS.name}@${CEL_JS.version}`;
