/**
 * `{% plate key, "web" %}` / `{% plate key, "print" %}`: the one way templates
 * place an illustration. Placeholder until the plates module exists: it
 * renders nothing, so layouts can already hold the slot.
 */
export function plate(_key: string, _variant: "web" | "print" = "web"): string {
  return "";
}
