/** Tracking: code + check → status, the dates that matter and the served letters. */
import type { Tracked } from "../../../app/portal-track.js";
import { type Html, html } from "../html.js";
import { page } from "../layout.js";
import { cnDate } from "./format.js";

type Letter = Tracked["letters"][number];

/**
 * One application's 办理情况 panel — its facts, steps and served letters — as the tracking page and
 * 我的申请 show it; `download` is the letter's download control (a form post with the code and check
 * on the tracking page, a link in a signed-in account).
 */
export function progressPanel(t: Tracked & { subject?: string }, download: (l: Letter) => Html): Html {
  return html`<section aria-labelledby="result-title" class="panel" id="result">
<h2 id="result-title">办理情况</h2>
<dl class="meta">
<dt>申请编号</dt><dd>${t.ref}</dd>
<dt>受理机关</dt><dd>${t.agencyName}</dd>
${t.subject ? html`<dt>所需信息</dt><dd>${t.subject}</dd>` : ""}
<dt>办理状态</dt><dd id="status">${t.status}</dd>
<dt>收到申请日期</dt><dd>${cnDate(t.receivedOn)}</dd>
${t.dueDate ? html`<dt>答复期限</dt><dd>${cnDate(t.dueDate)}</dd>` : ""}
${t.waitingUntil ? html`<dt>等待截止日期</dt><dd>${cnDate(t.waitingUntil)}</dd>` : ""}
${t.answeredOn ? html`<dt>答复日期</dt><dd>${cnDate(t.answeredOn)}</dd>` : ""}
${t.outcome ? html`<dt>答复结果</dt><dd id="outcome">${t.outcome}</dd>` : ""}
</dl>
<h3>办理过程</h3>
<table class="list"><caption class="visually-hidden">办理过程</caption><thead><tr><th scope="col">日期</th><th scope="col">事项</th></tr></thead>
<tbody>${t.steps.map((s) => html`<tr><td>${cnDate(s.date)}</td><td>${s.label}</td></tr>`)}</tbody></table>
<h3>答复文书</h3>
${
  t.letters.length
    ? html`<ul id="letters">${t.letters.map((l) => html`<li>${download(l)}</li>`)}</ul>`
    : html`<p>${t.answeredOn ? "答复文书已送达申请人；本站暂未提供电子版。" : "尚未答复。"}</p>`
}
</section>`;
}

/** The tracking page: the form, and the result (or a message) after a lookup. */
export function trackPage(
  csrf: string,
  input: { code?: string; check?: string },
  result: Tracked | undefined,
  message: string | undefined,
): string {
  const form = html`<form class="stack panel" action="/track" method="post">
<input type="hidden" name="_csrf" value="${csrf}">
<div class="field"><label for="code">查询码</label><span class="hint" id="code-hint">提交申请后得到的 10 位查询码</span>
<input type="text" id="code" name="code" value="${input.code ?? ""}" autocomplete="off" required aria-describedby="code-hint"></div>
<div class="field"><label for="check">联系电话后四位</label><span class="hint" id="check-hint">未留电话的，输入证件号码后四位</span>
<input type="text" id="check" name="check" inputmode="numeric" autocomplete="off" required aria-describedby="check-hint"></div>
<p><button type="submit">查询</button></p></form>`;
  let body = html``;
  if (message) body = html`<div class="error-summary" role="alert"><p>${message}</p></div>`;
  if (result) {
    const t = result;
    body = progressPanel(
      t,
      (l) => html`<form action="/track/letter" method="post" class="inline">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="code" value="${input.code ?? ""}">
<input type="hidden" name="check" value="${input.check ?? ""}"><input type="hidden" name="letter" value="${l.id}">
<button type="submit" class="button secondary">下载${l.kind}（${l.fileName}）</button></form>`,
    );
  }
  return page({
    title: "申请办理情况查询",
    section: "/track",
    trail: [["/", "首页"]],
    body: html`${form}${body}`,
  });
}
