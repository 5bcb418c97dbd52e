import type { Locator, Page } from "playwright-core";

/** The locator of a stable test id (`data-qa`) inside `root`. */
export function qa(root: Page | Locator, id: string): Locator {
  return root.locator(`[data-qa="${id}"]`);
}

/**
 * Picks an option of an antd Select marked with `data-qa`. Pass `null` to clear it (the filters that
 * allow it show a clear icon on hover).
 */
export async function chooseOption(page: Page, id: string, label: string | null): Promise<void> {
  const select = qa(page, id);
  if (label === null) {
    await select.hover();
    await select.locator(".ant-select-clear").click();
    return;
  }
  await select.click();
  const dropdown = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").last();
  const option = dropdown.locator(".ant-select-item-option", { hasText: label }).first();
  await option.click();
  // On a loaded machine a click can land while the list still slides in, and be lost (seen once, in
  // 安全隐患's kind, 2026-12-01): while the list stays open and the option is not marked chosen
  // (`ant-select-item-option-selected`), click it again.
  for (let attempt = 0; attempt < 4; attempt++) {
    const closed = await dropdown.waitFor({ state: "hidden", timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    if (closed) return;
    const classes = await option.getAttribute("class", { timeout: 1_000 }).catch(() => "");
    if (!classes?.includes("ant-select-item-option-selected")) await option.click();
  }
  await dropdown.waitFor({ state: "hidden" });
}

/**
 * Waits until an antd modal has opened and stands still (its zoom-in `-appear` classes gone): on a
 * loaded machine a click during the animation can be lost (seen once: a save that never saved).
 */
export async function waitOpened(modal: Locator): Promise<void> {
  await modal.waitFor();
  await modal
    .page()
    .waitForFunction(
      (el) => !String((el as Element).className).includes("-appear"),
      await modal.elementHandle(),
    );
}

/** The text of an element, trimmed ("" when it has none). */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").trim();
}

/** The cells of table rows, as trimmed text. */
export async function cellTexts(rows: Locator): Promise<string[][]> {
  const all = await rows.all();
  return Promise.all(
    all.map(async (row) => (await row.locator("td").allTextContents()).map((t) => t.trim())),
  );
}

/**
 * Waits until a form that was just submitted goes away (`gone` detached). If it stays, fails saying
 * what the person sees instead — the form's field errors or the server's message — not just "timeout".
 */
export async function waitForSubmitted(page: Page, gone: Locator, what: string): Promise<void> {
  try {
    await gone.waitFor({ state: "detached", timeout: 20_000 });
  } catch (error) {
    const shown = await page
      .locator(".ant-form-item-explain-error, .ant-message-notice, .ant-alert-message")
      .allTextContents();
    throw new Error(`${what} stayed open; it shows: ${shown.join(" | ") || "(no message)"}`, {
      cause: error,
    });
  }
}

/**
 * Chooses an option of an open antd Select of several choices: on a loaded machine a click can land
 * while the list still moves, so it clicks until the option shows it is chosen (antd marks the row
 * `ant-select-item-option-selected`).
 */
export async function chooseListed(page: Page, option: Locator): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (((await option.getAttribute("class")) ?? "").includes("ant-select-item-option-selected")) return;
    await option.click();
    await page.waitForTimeout(100);
  }
  throw new Error("the option could not be chosen");
}

/** Types a day (YYYY-MM-DD) into an antd DatePicker marked `id` (antd puts the id on the input or its wrapper). */
export async function fillDate(root: Page | Locator, id: string, day: string): Promise<void> {
  const input = root.locator(`[data-qa="${id}"] input, input[data-qa="${id}"]`).first();
  await input.click();
  await input.fill(day);
  await input.press("Enter");
}
