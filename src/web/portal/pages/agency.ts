/** An agency's portal page: its 政府信息公开指南 and its 法定主动公开内容 by 条例第二十条 items. */
import { GUIDE_FIELDS } from "../../../app/agency-guide.js";
import type { agencyPortal } from "../../../app/portal-catalogue.js";
import { ARTICLE20_ITEMS, itemNumeral } from "../../../domain/catalogue/catalogue.js";
import { html, paras } from "../html.js";
import { page } from "../layout.js";
import { cnDate, qs } from "./format.js";

type AgencyData = Awaited<ReturnType<typeof agencyPortal>>;

/** The agency page. */
export function agencyPage(d: AgencyData, today: string): string {
  const { agency, guide } = d;
  const guideBody = guide
    ? html`<dl class="meta">${GUIDE_FIELDS.filter(([k]) => guide.guide[k]).map(
        ([k, label]) => html`<dt>${label}</dt><dd>${paras(guide.guide[k])}</dd>`,
      )}</dl><p class="small">更新于 ${cnDate(guide.updatedAt.toISOString().slice(0, 10))}</p>`
    : html`<p>本机关尚未在本站发布政府信息公开指南。可以通过<a href="/apply?agency=${agency.id}">在线申请</a>向本机关申请获取政府信息。</p>`;
  const items = ARTICLE20_ITEMS.map((label, i) => {
    const n = i + 1;
    const entry = d.items.get(n);
    return html`<section aria-labelledby="item-${n}">
<h3 id="item-${n}">${itemNumeral(n)}${label}</h3>
${
  entry
    ? html`<ul>${entry.rows.map(
        (v) =>
          html`<li><a href="/catalogue/${encodeURIComponent(v.indexNo)}">${v.fields.title}</a> <span class="small">${cnDate(v.publishedOn)}</span></li>`,
      )}</ul>${
        entry.count > entry.rows.length
          ? html`<p><a href="/catalogue${qs({ agency: agency.id, item: n })}">查看本项全部 ${entry.count} 件</a></p>`
          : ""
      }`
    : html`<p class="small">暂无。</p>`
}
</section>`;
  });
  const register = d.register.length
    ? html`<table class="list responsive"><caption class="visually-hidden">规章和行政规范性文件登记</caption>
<thead><tr><th scope="col">类别</th><th scope="col">名称</th><th scope="col">文号</th><th scope="col">施行日期</th><th scope="col">有效性</th></tr></thead>
<tbody>${d.register.map((r) => {
        const repealed = r.repealed !== null && r.repealed <= today;
        return html`<tr><td>${r.kind === "regulation" ? "规章" : "行政规范性文件"}</td><td>${r.title}</td><td>${r.doc_number ?? "—"}</td><td>${cnDate(r.issued)}</td><td>${repealed ? `已废止（${cnDate(r.repealed)}）` : "有效"}</td></tr>`;
      })}</tbody></table>`
    : html`<p class="small">暂无登记。</p>`;
  return page({
    title: agency.name,
    trail: [["/", "首页"]],
    body: html`
<p class="no-print"><a class="button" href="/apply?agency=${agency.id}">向本机关申请公开</a>
<a class="button secondary" href="/search${qs({ agency: agency.id })}">检索本机关文件</a>
<a class="button secondary" href="/reports${qs({ agency: agency.id })}">年度报告</a></p>
${d.parent ? html`<p class="small">上级机关：<a href="/agencies/${d.parent.id}">${d.parent.name}</a></p>` : ""}
<h2>政府信息公开指南</h2>
${guideBody}
<h2>法定主动公开内容</h2>
<p class="small">按《中华人民共和国政府信息公开条例》第二十条所列事项分类。</p>
${items}
<h2>规章和行政规范性文件</h2>
${register}
${d.children.length ? html`<h2>下级机关</h2><ul>${d.children.map((c) => html`<li><a href="/agencies/${c.id}">${c.name}</a></li>`)}</ul>` : ""}`,
  });
}
