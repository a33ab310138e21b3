/**
 * The one page layout of the public portal: lang="zh-CN", a skip link, header / nav / main / footer
 * landmarks, one stylesheet file (the CSP forbids inline styles), no script: every page works without
 * JavaScript and prints cleanly (print rules in the same stylesheet).
 */
import { type Html, html } from "./html.js";

export const SITE_NAME = "政府信息公开";

const NAV = [
  ["/", "首页"],
  ["/catalogue", "公开目录"],
  ["/search", "全文检索"],
  ["/apply", "依申请公开"],
  ["/track", "申请查询"],
  ["/reports", "年度报告"],
  ["/account", "我的申请"],
] as const;

export interface PageOptions {
  title: string;
  /** The nav entry to mark current. */
  section?: (typeof NAV)[number][0];
  /** Breadcrumb trail before the title: [href, label]. */
  trail?: readonly (readonly [string, string])[];
  body: Html;
}

/** A complete portal page. */
export function page(o: PageOptions): string {
  const trail = o.trail?.length
    ? html`<nav class="trail" aria-label="当前位置"><ol>${o.trail.map(
        ([href, label]) => html`<li><a href="${href}">${label}</a></li>`,
      )}<li aria-current="page">${o.title}</li></ol></nav>`
    : "";
  return `<!DOCTYPE html>\n${html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} - ${SITE_NAME}</title>
<link rel="stylesheet" href="/assets/portal.css">
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="site">
<div class="wrap">
<p class="brand"><a href="/"><span class="emblem" aria-hidden="true">公</span>${SITE_NAME}</a></p>
<nav aria-label="主导航"><ul>${NAV.map(
    ([href, label]) =>
      html`<li><a href="${href}"${o.section === href ? html` aria-current="page"` : ""}>${label}</a></li>`,
  )}</ul></nav>
</div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
${trail}
<h1>${o.title}</h1>
${o.body}
</div>
</main>
<footer class="site">
<div class="wrap">
<p>依据《中华人民共和国政府信息公开条例》提供政府信息公开服务。</p>
<p>本站页面不依赖脚本，可使用读屏软件、键盘浏览和打印。</p>
</div>
</footer>
</body>
</html>`}\n`;
}
