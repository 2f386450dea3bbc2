/**
 * The Content-Security-Policy of every page we publish, in one place: the
 * site's own files only, no inline script, no third party. The print
 * documents (/imprimer/zine/, the mini-zine) are laid out by Paged.js, which
 * writes style attributes as it paginates: they allow inline style, and
 * nothing more. The static paper preview (print/static-preview.ts) is a
 * page of the site and gets the site's policy.
 */
const policy = (styles: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styles}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");

export const CSP = {
  site: policy("'self'"),
  print: policy("'self' 'unsafe-inline'"),
} as const;
