/** The portal's error page (404, 429 with the time to wait, 500): plain Chinese, a way back. */
import { html } from "../html.js";
import { page } from "../layout.js";

/** An error page with its title and what the visitor can do. */
export function errorPage(title: string, detail: string): string {
  return page({
    title,
    body: html`<div class="panel notice"><p>${detail}</p></div><p><a href="/">返回首页</a></p>`,
  });
}
