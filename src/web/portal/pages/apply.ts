/** The online application form (works without JavaScript) and the receipt page. */
import {
  APPLICANT_TYPES,
  type ApplyForm,
  DELIVERIES,
  type FieldErrors,
  MEDIUMS,
} from "../../../app/portal-apply.js";
import type { Challenge } from "../../../app/portal-challenge.js";
import type { receiptOf } from "../../../app/portal-track.js";
import { type Html, html } from "../html.js";
import { page } from "../layout.js";
import { receiptLines } from "../receipt.js";

const LABELS: Record<keyof ApplyForm, string> = {
  agencyId: "受理机关",
  applicantType: "申请人类型",
  name: "姓名或名称",
  idNumber: "证件号码",
  contact: "联系人",
  phone: "联系电话",
  email: "电子邮箱",
  address: "通信地址",
  postcode: "邮政编码",
  subject: "所需政府信息的描述",
  medium: "载体形式",
  delivery: "获取方式",
  answer: "验证问题",
  challenge: "验证问题",
  website: "",
};

type Key = keyof ApplyForm;

function described(k: Key, e: FieldErrors, hint?: string): Html {
  const ids = [hint ? `${k}-hint` : "", e[k] ? `${k}-error` : ""].filter(Boolean).join(" ");
  return html`${ids ? html` aria-describedby="${ids}"` : ""}${e[k] ? html` aria-invalid="true"` : ""}`;
}
const errorLine = (k: Key, e: FieldErrors) =>
  e[k] ? html`<p class="field-error" id="${k}-error">${e[k]}</p>` : "";
const hintLine = (k: Key, hint?: string) =>
  hint ? html`<span class="hint" id="${k}-hint">${hint}</span>` : "";

function text(
  k: Key,
  f: ApplyForm,
  e: FieldErrors,
  o: { type?: string; required?: boolean; hint?: string; auto?: string } = {},
) {
  return html`<div class="field"><label for="${k}">${LABELS[k]}${o.required ? "（必填）" : "（选填）"}</label>${hintLine(k, o.hint)}${errorLine(k, e)}
<input type="${o.type ?? "text"}" id="${k}" name="${k}" value="${f[k] ?? ""}"${o.auto ? html` autocomplete="${o.auto}"` : ""}${o.required ? html` required` : ""}${described(k, e, o.hint)}></div>`;
}

function radios(k: Key, options: Record<string, string>, f: ApplyForm, e: FieldErrors) {
  return html`<fieldset${e[k] ? html` aria-describedby="${k}-error"` : ""}><legend>${LABELS[k]}（必填）</legend>${errorLine(k, e)}
<div class="choices">${Object.entries(options).map(
    ([v, label]) =>
      html`<label><input type="radio" name="${k}" value="${v}"${f[k] === v ? html` checked` : ""}> ${label}</label>`,
  )}</div></fieldset>`;
}

/** The form, with the values typed so far and one message per bad field. */
export function applyPage(
  agencies: readonly { id: number; name: string }[],
  f: ApplyForm,
  errors: FieldErrors,
  challenge: Challenge,
  csrf: string,
  account?: { displayName: string } | undefined,
): string {
  const bad = (Object.keys(errors) as Key[]).filter((k) => errors[k]);
  const summary = bad.length
    ? html`<div class="error-summary" role="alert" aria-labelledby="error-title"><h2 id="error-title">请修改以下 ${bad.length} 处后再提交</h2>
<ul>${bad.map((k) => html`<li><a href="#${k === "applicantType" ? "applicantType" : k}">${LABELS[k]}：${errors[k]}</a></li>`)}</ul></div>`
    : "";
  return page({
    title: "在线申请政府信息公开",
    section: "/apply",
    trail: [["/", "首页"]],
    body: html`
<p class="lead">依据《中华人民共和国政府信息公开条例》第二十七条至第二十九条，公民、法人或者其他组织可以向行政机关申请获取相关政府信息。提交后将得到查询码，凭查询码和联系电话后四位查询办理进度。</p>
${
  account
    ? html`<div class="panel ok" id="signed-in"><p>您已登录为“${account.displayName}”。本申请提交后会保存在<a href="/account">我的申请</a>中。</p></div>`
    : html`<p class="small">已注册申请人账户的，可先<a href="/account/login?next=%2Fapply">登录</a>，提交的申请将保存在“我的申请”中，无需查询码即可查看。</p>`
}
${summary}
<form class="stack" action="/apply" method="post" novalidate>
<input type="hidden" name="_csrf" value="${csrf}">
<input type="hidden" name="challenge" value="${challenge.token}">
<fieldset><legend>受理机关</legend>
<div class="field"><label for="agencyId">${LABELS.agencyId}（必填）</label>${errorLine("agencyId", errors)}
<select id="agencyId" name="agencyId" required${described("agencyId", errors)}><option value="">请选择</option>${agencies.map(
      (a) =>
        html`<option value="${a.id}"${String(a.id) === f.agencyId ? html` selected` : ""}>${a.name}</option>`,
    )}</select></div></fieldset>
<fieldset><legend>申请人信息</legend>
<div class="field"><label for="applicantType">${LABELS.applicantType}（必填）</label>${errorLine("applicantType", errors)}
<select id="applicantType" name="applicantType" required${described("applicantType", errors)}><option value="">请选择</option>${APPLICANT_TYPES.map(
      (t) =>
        html`<option value="${t.value}"${String(t.value) === f.applicantType ? html` selected` : ""}>${t.label}</option>`,
    )}</select></div>
${text("name", f, errors, { required: true, hint: "自然人填写姓名；法人或其他组织填写单位全称", auto: "name" })}
${text("idNumber", f, errors, { required: true, hint: "自然人填写居民身份证等证件号码；法人或其他组织填写统一社会信用代码" })}
${text("contact", f, errors, { hint: "法人或其他组织必填" })}
${text("phone", f, errors, { type: "tel", required: true, hint: "查询办理进度时需输入后四位", auto: "tel" })}
${text("email", f, errors, { type: "email", hint: "选择电子邮件方式时必填", auto: "email" })}
${text("address", f, errors, { hint: "选择邮寄方式时必填", auto: "street-address" })}
${text("postcode", f, errors, { auto: "postal-code" })}
</fieldset>
<fieldset><legend>所需政府信息</legend>
<div class="field"><label for="subject">${LABELS.subject}（必填）</label>${hintLine("subject", "写明政府信息的名称、文号或者便于查询的其他特征性描述")}${errorLine("subject", errors)}
<textarea id="subject" name="subject" required${described("subject", errors, "x")}>${f.subject ?? ""}</textarea></div>
</fieldset>
${radios("medium", MEDIUMS, f, errors)}
${radios("delivery", DELIVERIES, f, errors)}
<fieldset><legend>验证</legend>
<div class="field"><label for="answer">${challenge.question}（请填写数字）</label>${errorLine("answer", errors)}
<input type="text" id="answer" name="answer" inputmode="numeric" autocomplete="off" required${described("answer", errors)}></div>
<div class="trap" hidden><label for="website">请勿填写此项</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
</fieldset>
<p><button type="submit">提交申请</button></p>
</form>`,
  });
}

type Receipt = Awaited<ReturnType<typeof receiptOf>>;

/** The receipt page shown after a successful submission. */
export function receiptPage(r: Receipt): string {
  return page({
    title: "申请已提交",
    section: "/apply",
    trail: [
      ["/", "首页"],
      ["/apply", "依申请公开"],
    ],
    body: html`
<div class="panel ok" role="status"><p>您的政府信息公开申请已提交。查询码：<span class="code" id="tracking-code">${r.code}</span></p>
<p>请记下查询码。查询办理进度时需要输入查询码和联系电话后四位。</p></div>
<h2>收件回执</h2>
<dl class="meta">${receiptLines(r).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<p class="no-print"><a class="button" href="/apply/receipt/${r.code}.pdf">下载收件回执（PDF）</a>
<a class="button secondary" href="/apply/receipt/${r.code}.docx">下载收件回执（Word）</a>
<a class="button secondary" href="/track">查询办理进度</a></p>`,
  });
}
