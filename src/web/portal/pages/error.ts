/** The portal's error pages (404, 429 with the time to wait, 500): plain Chinese, a way back. */
import { html } from "../html.js";
import { page } from "../layout.js";

/** An error page with its title and what the visitor can do. */
export function errorPage(title: string, detail: string): string {
  return page({
    title,
    body: html`<div class="panel notice"><p>${detail}</p></div><p><a href="/">返回首页</a></p>`,
  });
}

/** The page of an address the portal does not have: what was asked, and the ways on (home, search). */
export function notFoundPage(path: string): string {
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  return page({
    title: "没有找到这个页面",
    body: html`<div class="panel notice"><p>本站没有地址“${shown}”对应的页面，可能是地址输入有误，或页面已经调整。</p></div>
<p>您可以：</p>
<ul>
<li><a href="/">返回首页</a>，按机关浏览政府信息公开指南和公开目录；</li>
<li><a href="/search">全文检索</a>公开文件（按标题、文号、发布机构或正文）；</li>
<li>找不到所需信息时，<a href="/apply">依申请公开</a>提出申请。</li>
</ul>`,
  });
}
