/** Applicant accounts: 注册, 登录, 我的申请 (the list and one application), all without script. */
import type { Applicant, MyApplication, RegisterErrors, RegisterForm } from "../../../app/portal-accounts.js";
import { MIN_APPLICANT_PASSWORD } from "../../../app/portal-accounts.js";
import type { Tracked } from "../../../app/portal-track.js";
import { type Html, html } from "../html.js";
import { page } from "../layout.js";
import { cnDate } from "./format.js";
import { progressPanel } from "./track.js";

type Key = keyof RegisterForm;

const LABELS: Record<Key, string> = {
  login: "手机号码或电子邮箱",
  displayName: "姓名或称呼",
  password: "密码",
  password2: "确认密码",
};

function input(
  k: Key,
  value: string,
  errors: RegisterErrors,
  o: { type: string; auto: string; hint?: string },
): Html {
  const ids = [o.hint ? `${k}-hint` : "", errors[k] ? `${k}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field"><label for="${k}">${LABELS[k]}</label>${o.hint ? html`<span class="hint" id="${k}-hint">${o.hint}</span>` : ""}${errors[k] ? html`<p class="field-error" id="${k}-error">${errors[k]}</p>` : ""}
<input type="${o.type}" id="${k}" name="${k}" value="${value}" autocomplete="${o.auto}" required${ids ? html` aria-describedby="${ids}"` : ""}${errors[k] ? html` aria-invalid="true"` : ""}></div>`;
}

function summary(errors: RegisterErrors): Html | string {
  const bad = (Object.keys(errors) as Key[]).filter((k) => errors[k]);
  return bad.length
    ? html`<div class="error-summary" role="alert" aria-labelledby="error-title"><h2 id="error-title">请修改以下 ${bad.length} 处后再提交</h2>
<ul>${bad.map((k) => html`<li><a href="#${k}">${LABELS[k]}：${errors[k]}</a></li>`)}</ul></div>`
    : "";
}

/** The registration form, with the values typed so far (never the passwords) and one message per bad field. */
export function registerPage(csrf: string, f: RegisterForm, errors: RegisterErrors): string {
  return page({
    title: "注册申请人账户",
    section: "/account",
    trail: [["/", "首页"]],
    body: html`
<p class="lead">注册账户后，登录状态下提交的政府信息公开申请会保存在“我的申请”中，无需查询码即可查看办理进度和答复文书。不注册也可以直接<a href="/apply">在线申请</a>，凭查询码查询。</p>
${summary(errors)}
<form class="stack panel" action="/account/register" method="post" novalidate>
<input type="hidden" name="_csrf" value="${csrf}">
${input("login", f.login ?? "", errors, { type: "text", auto: "username", hint: "用作登录名：11 位手机号码或电子邮箱" })}
${input("displayName", f.displayName ?? "", errors, { type: "text", auto: "name", hint: "在线申请时预先填入申请人姓名" })}
${input("password", "", errors, { type: "password", auto: "new-password", hint: `至少 ${MIN_APPLICANT_PASSWORD} 个字符` })}
${input("password2", "", errors, { type: "password", auto: "new-password" })}
<p><button type="submit">注册</button></p></form>
<p>已有账户？<a href="/account/login">登录</a></p>`,
  });
}

/** The sign-in form; `message` is the one failure message (the same for every cause). */
export function loginPage(
  csrf: string,
  login: string,
  next: string | undefined,
  message: string | undefined,
  errors: RegisterErrors = {},
): string {
  return page({
    title: "申请人登录",
    section: "/account",
    trail: [["/", "首页"]],
    body: html`
${message ? html`<div class="error-summary" role="alert"><p id="login-failed">${message}</p></div>` : summary(errors)}
<form class="stack panel" action="/account/login" method="post" novalidate>
<input type="hidden" name="_csrf" value="${csrf}">
${next ? html`<input type="hidden" name="next" value="${next}">` : ""}
${input("login", login, errors, { type: "text", auto: "username", hint: "注册时填写的手机号码或电子邮箱" })}
${input("password", "", errors, { type: "password", auto: "current-password" })}
<p><button type="submit">登录</button></p></form>
<p>还没有账户？<a href="/account/register">注册申请人账户</a>。也可以不登录，直接<a href="/apply">在线申请</a>并凭查询码<a href="/track">查询办理进度</a>。</p>`,
  });
}

function signedInBar(csrf: string, who: Applicant): Html {
  return html`<form class="inline panel" action="/account/logout" method="post">
<input type="hidden" name="_csrf" value="${csrf}">
<p>当前登录：<span id="account-name">${who.displayName}</span>（${who.phone ?? who.login}）
<button type="submit" class="button secondary">退出登录</button></p></form>`;
}

/** 我的申请: the account's applications with their status. */
export function myApplicationsPage(csrf: string, who: Applicant, rows: readonly MyApplication[]): string {
  return page({
    title: "我的申请",
    section: "/account",
    trail: [["/", "首页"]],
    body: html`${signedInBar(csrf, who)}
<p><a class="button" href="/apply">提交新的申请</a></p>
${
  rows.length
    ? html`<table class="list" id="my-applications"><caption class="visually-hidden">本账户提交的申请</caption>
<thead><tr><th scope="col">申请编号</th><th scope="col">受理机关</th><th scope="col">所需信息</th><th scope="col">收到申请日期</th><th scope="col">办理状态</th><th scope="col">答复期限</th></tr></thead>
<tbody>${rows.map(
        (r) => html`<tr><td><a href="/account/applications/${r.id}">${r.ref}</a></td><td>${r.agencyName}</td>
<td>${r.subject.length > 40 ? `${r.subject.slice(0, 40)}…` : r.subject}</td><td>${cnDate(r.receivedOn)}</td>
<td>${r.status}${r.letterCount ? html`（答复文书 ${r.letterCount} 件）` : ""}</td><td>${cnDate(r.dueDate)}</td></tr>`,
      )}</tbody></table>`
    : html`<div class="panel notice"><p>本账户还没有提交过申请。登录后提交的申请会列在这里；登录前提交的申请请凭查询码<a href="/track">查询</a>。</p></div>`
}`,
  });
}

/** One of the account's applications: the tracking page's facts, and its letters to download. */
export function myApplicationPage(t: Tracked & { subject: string }): string {
  return page({
    title: `申请 ${t.ref}`,
    section: "/account",
    trail: [
      ["/", "首页"],
      ["/account", "我的申请"],
    ],
    body: html`${progressPanel(
      t,
      (l) =>
        html`<a class="button secondary" href="/account/applications/${t.id}/letters/${l.id}">下载${l.kind}（${l.fileName}）</a>`,
    )}
<p><a href="/account">返回我的申请</a></p>`,
  });
}
