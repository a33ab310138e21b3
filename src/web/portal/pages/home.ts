/** The city-level entry: every agency (as a tree), a search box and the ways to apply and track. */
import type { AgencyNode } from "../../../app/portal-catalogue.js";
import { type Html, html } from "../html.js";
import { page } from "../layout.js";

function tree(nodes: readonly AgencyNode[]): Html {
  return html`<ul class="tree">${nodes.map(
    (n) =>
      html`<li><a href="/agencies/${n.id}">${n.name}</a>${n.children.length ? tree(n.children) : ""}</li>`,
  )}</ul>`;
}

/** The home page. */
export function homePage(agencies: readonly AgencyNode[]): string {
  return page({
    title: "政府信息公开",
    section: "/",
    body: html`
<p class="lead">查阅各机关主动公开的政府信息和政府信息公开指南，在线提交政府信息公开申请并查询办理进度。</p>
<form class="filters panel" action="/search" method="get" role="search" aria-label="全文检索">
  <div class="field q"><label for="home-q">检索公开文件</label>
  <input type="search" id="home-q" name="q" placeholder="输入标题、文号或正文中的词语（至少两个字）"></div>
  <button type="submit">检索</button>
</form>
<h2>机关</h2>
<p>选择机关，查看其政府信息公开指南和法定主动公开内容。</p>
${agencies.length ? tree(agencies) : html`<p>暂无机关。</p>`}
<h2>办事</h2>
<ul>
<li><a href="/apply">在线提交政府信息公开申请</a></li>
<li><a href="/track">凭查询码查询申请办理情况</a></li>
<li><a href="/reports">政府信息公开工作年度报告</a></li>
</ul>`,
  });
}
