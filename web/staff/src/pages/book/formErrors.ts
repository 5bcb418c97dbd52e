import type { FormInstance } from "antd";
import { isApiError } from "../../api.ts";

/**
 * Puts a server refusal next to the field it names (`content.summary` → the `summary` item) and
 * returns true; returns false when no form field matches, so the caller shows it as a message.
 */
export function showFieldError(form: FormInstance, error: unknown, prefix = ""): boolean {
  if (!isApiError(error, 400) || !error.field) return false;
  const name =
    error.field
      .replace(/^body\./, "")
      .replace(prefix, "")
      .split(".")[0] ?? "";
  const known = form.getFieldsValue(true) as Record<string, unknown>;
  if (!(name in known) && !form.getFieldInstance?.(name)) return false;
  form.setFields([{ name, errors: [error.message] }]);
  form.scrollToField(name);
  return true;
}
