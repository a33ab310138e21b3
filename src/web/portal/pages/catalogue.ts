/** The catalogue list and full-text search (one page, GET form), and a document's page with its history. */
import type { AgencyNode, publicDocument, searchCatalogue } from "../../../app/portal-catalogue.js";
import { ARTICLE20_ITEMS, DOC_KINDS, itemNumeral, VALIDITY } from "../../../domain/catalogue/catalogue.js";
import { matchRanges } from "../../../domain/catalogue/search-text.js";
import { type Html, html, marked, paras } from "../html.js";
import { page } from "../layout.js";
import { cnDate, fileSize, itemLabel, qs, validityBadge } from "./format.js";

export interface ListParams {
  q?: string | undefined;
  agency?: number | undefined;
  year?: number | undefined;
  category?: string | undefined;
  validity?: string | undefined;
  item?: number | undefined;
  page: number;
}

type Result = Awaited<ReturnType<typeof searchCatalogue>>;
type VersionRow = Result["rows"][number];

function flatten(nodes: readonly AgencyNode[], depth = 0): { id: number; label: string }[] {
  return nodes.flatMap((n) => [
    { id: n.id, label: `${"　".repeat(depth)}${n.name}` },
    ...flatten(n.children, depth + 1),
  ]);
}

const option = (value: string | number, label: string, selected: boolean) =>
  html`<option value="${value}"${selected ? html` selected` : ""}>${label}</option>`;

/** A snippet of the body around the first match (or its beginning), with the matches marked. */
function snippet(body: string, query: string | undefined): Html {
  const text = body.replace(/\s+/g, " ").trim();
  const first = query ? matchRanges(text, query)[0] : undefined;
  const start = first ? Math.max(0, first[0] - 40) : 0;
  const part = text.slice(start, start + 120);
  const ranges = query ? matchRanges(part, query) : [];
  return html`${start > 0 ? "…" : ""}${marked(part, ranges)}${start + 120 < text.length ? "…" : ""}`;
}

function resultItem(v: VersionRow, query: string | undefined): Html {
  const m = (s: string) => (query ? marked(s, matchRanges(s, query)) : html`${s}`);
  return html`<li>
<a class="title" href="/catalogue/${encodeURIComponent(v.indexNo)}">${m(v.fields.title)}</a> ${validityBadge(v.fields.validity)}
<div class="small">索引号 ${v.indexNo}${v.fields.docNumber ? html` · 文号 ${m(v.fields.docNumber)}` : ""} · ${v.fields.publisher} · 发布日期 ${cnDate(v.publishedOn)} · ${v.fields.category}</div>
${v.fields.body ? html`<p>${snippet(v.fields.body, query)}</p>` : ""}
</li>`;
}

/** The list / search page; `error` is a query problem (e.g. 请输入至少两个字). */
export function cataloguePage(
  path: "/catalogue" | "/search",
  p: ListParams,
  agencies: readonly AgencyNode[],
  result: Result | undefined,
  error: string | undefined,
): string {
  const facets = result?.facets ?? { categories: [], years: [] };
  const isSearch = path === "/search";
  const form = html`<form class="filters panel" action="${path}" method="get" role="search" aria-label="检索和筛选">
<div class="field q"><label for="q">检索词</label>
<input type="search" id="q" name="q" value="${p.q ?? ""}" aria-describedby="q-hint${error ? " q-error" : ""}"${error ? html` aria-invalid="true"` : ""}>
<span class="hint" id="q-hint">标题、文号或正文中的词语，至少两个字</span>
${error ? html`<p class="field-error" id="q-error">${error}</p>` : ""}</div>
<div class="field"><label for="agency">机关</label><select id="agency" name="agency">${option("", "全部机关", !p.agency)}${flatten(agencies).map((a) => option(a.id, a.label, p.agency === a.id))}</select></div>
<div class="field"><label for="year">发布年份</label><select id="year" name="year">${option("", "全部年份", !p.year)}${facets.years.map((y) => option(y, `${y}年`, p.year === y))}</select></div>
<div class="field"><label for="category">主题分类</label><select id="category" name="category">${option("", "全部分类", !p.category)}${facets.categories.map((c) => option(c, c, p.category === c))}</select></div>
<div class="field"><label for="validity">有效性</label><select id="validity" name="validity">${option("", "全部", !p.validity)}${(["valid", "expired", "repealed"] as const).map((v) => option(v, VALIDITY[v], p.validity === v))}</select></div>
${p.item ? html`<input type="hidden" name="item" value="${p.item}">` : ""}
<button type="submit">${isSearch ? "检索" : "筛选"}</button>
</form>`;
  let body: Html;
  if (error || !result) body = html``;
  else if (result.rows.length === 0)
    body = html`<p role="status">没有找到符合条件的公开文件。${p.q ? "可以换一个词语，或减少筛选条件。" : ""}</p>`;
  else {
    const base = {
      q: p.q,
      agency: p.agency,
      year: p.year,
      category: p.category,
      validity: p.validity,
      item: p.item,
    };
    const first = (p.page - 1) * 20 + 1;
    const last = first + result.rows.length - 1;
    const count =
      p.page === 1 && !result.more
        ? `共找到 ${result.rows.length} 件文件`
        : `第 ${first}–${last} 件${result.more ? "（还有更多）" : ""}`;
    body = html`<p role="status">${p.q ? html`“${p.q}”：` : ""}${count}，按发布日期从新到旧排列。</p>
<ul class="results">${result.rows.map((v) => resultItem(v, result.query))}</ul>
<nav class="pager" aria-label="分页">${p.page > 1 ? html`<a href="${path}${qs({ ...base, page: p.page - 1 })}">上一页</a>` : ""}${result.more ? html`<a href="${path}${qs({ ...base, page: p.page + 1 })}">下一页</a>` : ""}</nav>`;
  }
  return page({
    title: isSearch
      ? "全文检索"
      : p.item
        ? `公开目录：${itemNumeral(p.item)}${ARTICLE20_ITEMS[p.item - 1]}`
        : "政府信息公开目录",
    section: path,
    trail: [["/", "首页"]],
    body: html`${form}${body}`,
  });
}

type DocumentData = Awaited<ReturnType<typeof publicDocument>>;

/** A published document: its catalogue fields, text, attachments and the history of corrections. */
export function documentPage(d: DocumentData): string {
  const v = d.current;
  const f = v.fields;
  return page({
    title: f.title,
    section: "/catalogue",
    trail: [
      ["/", "首页"],
      ["/catalogue", "公开目录"],
      [`/agencies/${v.agencyId}`, v.agencyName],
    ],
    body: html`
<dl class="meta panel">
<dt>索引号</dt><dd>${v.indexNo}</dd>
<dt>主题分类</dt><dd>${f.category}</dd>
<dt>发布机构</dt><dd>${f.publisher}</dd>
<dt>成文日期</dt><dd>${cnDate(f.writtenOn)}</dd>
<dt>发文字号</dt><dd>${f.docNumber ?? "—"}</dd>
<dt>发布日期</dt><dd>${cnDate(v.publishedOn)}</dd>
<dt>有效性</dt><dd>${f.validity === "none" ? "—" : VALIDITY[f.validity]}</dd>
<dt>文件类别</dt><dd>${DOC_KINDS[f.docKind]}</dd>
<dt>公开事项</dt><dd>条例${itemLabel(f.article20Item)}：${ARTICLE20_ITEMS[f.article20Item - 1]}</dd>
</dl>
${v.version > 1 ? html`<p class="panel notice">本文件已于 ${cnDate(v.publishedOn)} 更正${v.correctionNote ? html`：${v.correctionNote}` : ""}。更正记录见文末。</p>` : ""}
<div class="body-text">${paras(f.body)}</div>
${
  d.attachments.length
    ? html`<h2>附件</h2><ul>${d.attachments.map(
        (a) =>
          html`<li><a href="/catalogue/attachments/${a.id}">${a.filename}</a> <span class="small">（${fileSize(a.size)}）</span></li>`,
      )}</ul>`
    : ""
}
${
  d.history.length > 1
    ? html`<h2>更正记录</h2><table class="list"><caption class="visually-hidden">本文件的各个发布版本</caption>
<thead><tr><th scope="col">版本</th><th scope="col">发布日期</th><th scope="col">标题</th><th scope="col">更正说明</th><th scope="col">状态</th></tr></thead>
<tbody>${d.history.map(
        (h) =>
          html`<tr><td>第 ${h.version} 版</td><td>${cnDate(h.publishedOn)}</td><td>${h.fields.title}</td><td>${h.correctionNote ?? "首次发布"}</td><td>${h.state === "published" ? "现行版本" : "已被更正"}</td></tr>`,
      )}</tbody></table>`
    : ""
}`,
  });
}
