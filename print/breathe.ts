/**
 * Lets the event loop run between two pieces of long synchronous work: the
 * print stage finishes and checks PDFs in this process while Chromium prints
 * the next one, and Chromium waits for an answer from this process between
 * its steps (evaluate, print, read the PDF back). A page at a time, never a
 * whole file, keeps it waiting a few milliseconds instead of a second.
 */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
