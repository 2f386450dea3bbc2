/**
 * html-validate for the built pages (test/e2e/html-validity.test.ts):
 * the recommended and document rules, with three tweaks, each for a reason.
 */
export default {
  root: true,
  extends: ["html-validate:recommended", "html-validate:document"],
  rules: {
    // Our templates write `<!doctype html>`; both cases are valid HTML. One style, checked.
    "doctype-style": ["error", { style: "lowercase" }],
    // Subresource Integrity guards files served by someone else. Every file here is our own,
    // from our own origin: require it only for cross-origin files (of which there must be none).
    "require-sri": ["error", { target: "crossorigin" }],
    // Whitespace left by template tags changes nothing for readers or parsers.
    "no-trailing-whitespace": "off",
  },
};
