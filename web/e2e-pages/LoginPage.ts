import type { Locator, Page } from "playwright-core";
import { qa, text } from "./qa.ts";

export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.username = qa(page, "login-username");
    this.password = qa(page, "login-password");
    this.submit = qa(page, "login-submit");
    this.error = qa(page, "login-error");
  }

  /** Opens /login on the page's base URL (or an absolute `baseUrl`). */
  async goto(baseUrl = ""): Promise<void> {
    await this.page.goto(`${baseUrl}/login`);
    await this.username.waitFor();
  }

  async fill(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
  }

  /** Logs in and waits for the console's header to show the signed-in user. */
  async login(username: string, password: string): Promise<void> {
    await this.fill(username, password);
    await this.submit.click();
    await qa(this.page, "current-user").waitFor();
  }

  /** Tries to log in and returns the server's error message shown on the page. */
  async loginExpectingError(username: string, password: string): Promise<string> {
    await this.fill(username, password);
    await this.submit.click();
    await this.error.waitFor();
    return text(this.error);
  }
}

/** The header of every signed-in page. */
export class AppHeader {
  readonly user: Locator;
  readonly role: Locator;
  readonly place: Locator;
  readonly logoutButton: Locator;

  constructor(readonly page: Page) {
    this.user = qa(page, "current-user");
    this.role = qa(page, "current-role");
    this.place = qa(page, "current-place");
    this.logoutButton = qa(page, "logout");
  }

  /** Opens a menu item by its Chinese label, e.g. "审计日志". */
  async navigate(label: string): Promise<void> {
    await qa(this.page, "side-menu").getByRole("menuitem", { name: label }).click();
  }

  async logout(): Promise<void> {
    await this.logoutButton.click();
    await qa(this.page, "login-username").waitFor();
  }
}
