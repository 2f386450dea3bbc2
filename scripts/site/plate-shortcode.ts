/**
 * `{% plate key, "web" %}` / `{% plate key, "print" %}` (optionally
 * `{% plate key, "print", 60 %}`: printed 60 mm wide) — the one way templates
 * place an illustration. Returns a <figure class="planche"> holding the
 * plate as inline SVG (role="img", its alt text as <title> and aria-label,
 * no ids so the same plate can appear twice on a page) and a caption: the
 * plate's title and, when it has numbered labels, their legend.
 */
import { isPlateKey, plateKeys, plateSpec, plateSvg, type Variant } from "../plates/render.ts";
import { typographie } from "./typography.ts";

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function plate(key: string, variant: Variant = "web", printWidthMm?: number): string {
  if (!key) return "";
  if (!isPlateKey(key)) {
    throw new Error(`planche inconnue « ${key} » → choisissez parmi : ${plateKeys.join(", ")}`);
  }
  const spec = plateSpec(key);
  const legend = spec.legend?.length
    ? `<ol class="planche-legende">${spec.legend.map((item) => `<li>${escapeHtml(typographie(item))}</li>`).join("")}</ol>`
    : "";
  const svg = plateSvg(key, variant, typeof printWidthMm === "number" && printWidthMm > 0 ? printWidthMm : undefined).replace(/aria-label="([^"]*)"/, (_, alt: string) => `aria-label="${typographie(alt)}"`).replace(/<title>([^<]*)<\/title>/, (_, alt: string) => `<title>${typographie(alt)}</title>`);
  return (
    `<figure class="planche planche-${spec.kind === "schéma" ? "schema" : spec.kind}" data-planche="${key}">${svg}` +
    `<figcaption><span class="planche-titre">${escapeHtml(typographie(spec.title))}</span>${legend}</figcaption></figure>`
  );
}
