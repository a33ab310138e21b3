/**
 * Public applicants' accounts on both engines: register, sign in and out, apply while signed in,
 * 我的申请 lists the case and opens it (letters included) without the tracking code, another account
 * gets 404, CSRF and rate-limit refusals, one message for every failed sign-in, staff and applicant
 * sessions never mistaken for each other.
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { applyFields, field, postForm } from "../../test/portal-forms.js";
import { Client, seedTree, type Tree } from "../../test/server-fixture.js";
import { SIGN_IN_FAILED } from "../app/portal-accounts.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";
import { APPLICANT_COOKIE } from "./routes/portal-accounts.js";

const PASSWORD = "qingkai-2026";

/** GET the register page and post the form with its token. */
async function register(c: Client, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  const form = await c.request("GET", "/account/register");
  return postForm(c, "/account/register", { _csrf: field(form.body, "_csrf"), ...fields });
}

async function signIn(c: Client, login: string, password: string): Promise<LightMyRequestResponse> {
  const form = await c.request("GET", "/account/login");
  return postForm(c, "/account/login", { _csrf: field(form.body, "_csrf"), login, password });
}

const setCookie = (res: LightMyRequestResponse, name: string) =>
  ([] as string[]).concat(res.headers["set-cookie"] ?? []).find((h) => h.startsWith(`${name}=`));

for (const engine of ENGINES)
  describe(`applicant accounts on the portal (${engine.name})`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let tree: Tree;
    beforeEach(async () => {
      ({ db, close } = await engine.open());
      tree = await seedTree(db);
      app = await buildServer({ db });
    });
    afterEach(async () => {
      await app.close();
      await close();
    });

    it("registers, applies while signed in, lists and opens the case; another account gets 404; logs out", async () => {
      const c = new Client(app);
      const anonymous = await c.request("GET", "/account");
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe("/account/login?next=%2Faccount");

      // Each bad field is named; the login typed is kept, never the passwords.
      const bad = await register(c, {
        login: "12345",
        displayName: "",
        password: "short",
        password2: "short",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("应为 11 位手机号码或电子邮箱");
      expect(bad.body).toContain("请填写姓名或称呼");
      expect(bad.body).toContain("密码至少 8 个字符");
      expect(bad.body).toContain('value="12345"');
      const mismatch = await register(c, {
        login: "13800138000",
        displayName: "张三",
        password: PASSWORD,
        password2: `${PASSWORD}x`,
      });
      expect(mismatch.body).toContain("两次输入的密码不一致");
      expect(mismatch.body).not.toContain(PASSWORD);

      const ok = await register(c, {
        login: "+86 138-0013-8000",
        displayName: "张三",
        password: PASSWORD,
        password2: PASSWORD,
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe("/account");
      const cookie = setCookie(ok, APPLICANT_COOKIE)!;
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Lax");
      expect(setCookie(ok, "gongkai_session")).toBeUndefined();
      const account = await db
        .selectFrom("applicant_account")
        .select(["id", "login", "password_hash"])
        .executeTakeFirstOrThrow();
      expect(account.login).toBe("13800138000");
      expect(account.password_hash).toMatch(/^\$argon2id\$/);
      const audits = await db
        .selectFrom("audit")
        .select(["actor", "action", "after"])
        .where("entity", "=", "applicant_account")
        .execute();
      expect(audits.map((a) => a.action)).toEqual(["applicant.register"]);
      expect(audits[0]!.actor).toBe(`applicant:${account.id}`);
      expect(JSON.stringify(audits)).not.toContain("13800138000");
      const again = await register(new Client(app), {
        login: "138 0013 8000",
        displayName: "冒名",
        password: PASSWORD,
        password2: PASSWORD,
      });
      expect(again.statusCode).toBe(400);
      expect(again.body).toContain("已经注册");

      // Signed in: the form is prefilled and the application is filed under the account.
      const form = await c.request("GET", "/apply");
      expect(form.body).toContain("您已登录为“张三”");
      expect(form.body).toContain('name="name" value="张三"');
      expect(form.body).toContain('name="phone" value="13800138000"');
      const applied = await postForm(
        c,
        "/apply",
        applyFields(form.body, tree.city, { phone: "13800138000" }),
      );
      expect(applied.statusCode).toBe(303);
      const mine = await db
        .selectFrom("application")
        .select(["id", "ref", "applicant_account_id"])
        .executeTakeFirstOrThrow();
      expect(mine.applicant_account_id).toBe(account.id);
      // Someone else's anonymous application is not the account's.
      const other = new Client(app);
      const otherForm = await other.request("GET", "/apply");
      expect(otherForm.body).not.toContain("您已登录");
      await postForm(other, "/apply", applyFields(otherForm.body, tree.city, { name: "王五" }));

      const list = await c.request("GET", "/account");
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(mine.ref);
      expect(list.body).toContain("办理中");
      expect(list.body).toContain("张三");
      expect(list.body.match(/\/account\/applications\/\d+"/g)).toHaveLength(1);
      const detail = await c.request("GET", `/account/applications/${mine.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).toContain("答复期限");
      expect(detail.body).toContain("尚未答复");

      // The clerk answers and serves the reply letter: the account sees both without the code.
      const clerk = new Client(app);
      await clerk.login("clerk");
      const received = (
        await db
          .selectFrom("application")
          .select("received")
          .where("id", "=", mine.id)
          .executeTakeFirstOrThrow()
      ).received;
      expect(
        (
          await clerk.request("POST", `/api/applications/${mine.id}/events`, {
            type: "replied",
            date: received,
            outcome: "granted",
            delivery: "electronic",
          })
        ).statusCode,
      ).toBe(201);
      expect((await clerk.request("POST", `/api/applications/${mine.id}/letters/reply`)).statusCode).toBe(
        201,
      );
      expect((await c.request("GET", "/account")).body).toContain("已办结");
      const answered = await c.request("GET", `/account/applications/${mine.id}`);
      expect(answered.body).toContain("予以公开");
      const letterPath = /href="(\/account\/applications\/\d+\/letters\/\d+)"/.exec(answered.body)![1]!;
      const letter = await c.request("GET", letterPath);
      expect(letter.statusCode).toBe(200);
      expect(letter.rawPayload.subarray(0, 2).toString()).toBe("PK");

      // Another account: an empty list, 404 pages for the first account's case and letter.
      const b = new Client(app);
      expect(
        (
          await register(b, {
            login: "Li.Si@Example.COM",
            displayName: "李四",
            password: PASSWORD,
            password2: PASSWORD,
          })
        ).statusCode,
      ).toBe(303);
      expect(
        (
          await db
            .selectFrom("applicant_account")
            .select("login")
            .where("display_name", "=", "李四")
            .executeTakeFirst()
        )?.login,
      ).toBe("li.si@example.com");
      const bList = await b.request("GET", "/account");
      expect(bList.body).toContain("本账户还没有提交过申请");
      expect(bList.body).not.toContain(mine.ref);
      const stranger = await b.request("GET", `/account/applications/${mine.id}`);
      expect(stranger.statusCode).toBe(404);
      expect(stranger.headers["content-type"]).toContain("text/html");
      expect(stranger.body).toContain("没有找到该申请");
      expect((await b.request("GET", letterPath)).statusCode).toBe(404);
      expect((await b.request("GET", "/account/applications/abc")).statusCode).toBe(404);
      const bForm = await b.request("GET", "/apply");
      expect(bForm.body).toContain('name="email" value="li.si@example.com"');

      // Staff and applicant sessions never stand in for each other.
      const applicantToken = c.jar.get(APPLICANT_COOKIE)!;
      const asStaff = await app.inject({
        method: "GET",
        url: "/api/me",
        headers: { cookie: `gongkai_session=${applicantToken}` },
      });
      expect(asStaff.statusCode).toBe(401);
      const staffToken = clerk.jar.get("gongkai_session")!;
      const asApplicant = await app.inject({
        method: "GET",
        url: "/account",
        headers: { cookie: `${APPLICANT_COOKIE}=${staffToken}` },
      });
      expect(asApplicant.statusCode).toBe(303);

      // Logout: CSRF required, then the session is gone server-side (a replayed cookie opens nothing).
      const noToken = await postForm(c, "/account/logout", { _csrf: "" });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.body).toContain("表单已过期");
      const out = await postForm(c, "/account/logout", { _csrf: field(list.body, "_csrf") });
      expect(out.statusCode).toBe(303);
      expect(setCookie(out, APPLICANT_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970/);
      expect((await c.request("GET", "/account")).statusCode).toBe(303);
      const replay = await app.inject({
        method: "GET",
        url: "/account",
        headers: { cookie: `${APPLICANT_COOKIE}=${applicantToken}` },
      });
      expect(replay.statusCode).toBe(303);
      expect(
        await db
          .selectFrom("applicant_session")
          .select("account_id")
          .where("account_id", "=", account.id)
          .execute(),
      ).toEqual([]);
    });

    it("signs in with one message for an unknown login and a wrong password; refuses a form without its token", async () => {
      const c = new Client(app);
      await register(c, {
        login: "13900139000",
        displayName: "赵六",
        password: PASSWORD,
        password2: PASSWORD,
      });
      const u = new Client(app);
      const wrong = await signIn(u, "13900139000", "not-the-password");
      const unknown = await signIn(u, "13700137000", "not-the-password");
      expect(wrong.statusCode).toBe(400);
      expect(unknown.statusCode).toBe(400);
      const message = (r: LightMyRequestResponse) => /<p id="login-failed">([^<]*)<\/p>/.exec(r.body)?.[1];
      expect(message(wrong)).toBe(SIGN_IN_FAILED);
      expect(message(unknown)).toBe(message(wrong));
      expect(wrong.body).toContain('value="13900139000"');
      expect(wrong.body).not.toContain("not-the-password");
      expect(setCookie(wrong, APPLICANT_COOKIE)).toBeUndefined();
      const empty = await signIn(u, "", "");
      expect(empty.body).toContain("请填写手机号码或电子邮箱");
      expect(empty.body).toContain("请输入密码");
      const noCsrf = await postForm(u, "/account/login", { login: "13900139000", password: PASSWORD });
      expect(noCsrf.statusCode).toBe(403);
      expect(setCookie(noCsrf, APPLICANT_COOKIE)).toBeUndefined();
      const noCsrfRegister = await postForm(u, "/account/register", {
        login: "13600136000",
        displayName: "钱七",
        password: PASSWORD,
        password2: PASSWORD,
      });
      expect(noCsrfRegister.statusCode).toBe(403);
      expect(await db.selectFrom("applicant_account").select("id").execute()).toHaveLength(1);

      const form = await u.request("GET", "/account/login?next=%2Fapply");
      const ok = await postForm(u, "/account/login", {
        _csrf: field(form.body, "_csrf"),
        login: "139 0013 9000",
        password: PASSWORD,
        next: field(form.body, "next"),
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe("/apply");
      expect((await u.request("GET", "/account")).body).toContain("赵六");
      // An expired session opens nothing; the next sign-in removes the account's expired sessions.
      await db
        .updateTable("applicant_session")
        .set({ expires_at: new Date(Date.now() - 60_000) })
        .execute();
      expect((await u.request("GET", "/account")).statusCode).toBe(303);
      // Only known places: an outside address is not followed.
      const away = await postForm(u, "/account/login", {
        _csrf: field(form.body, "_csrf"),
        login: "13900139000",
        password: PASSWORD,
        next: "https://example.com/",
      });
      expect(away.headers.location).toBe("/account");
      expect(await db.selectFrom("applicant_session").select("token_hash").execute()).toHaveLength(1);
      const logins = await db
        .selectFrom("audit")
        .select("action")
        .where("action", "=", "applicant.login")
        .execute();
      expect(logins).toHaveLength(2);
    });

    it("logs no personal data or password; a new sign-in ends the session the browser still carried", async () => {
      const lines: string[] = [];
      const logged = await buildServer({ db, logLevel: "info", logStream: { write: (l) => lines.push(l) } });
      try {
        const c = new Client(logged);
        await register(c, {
          login: "13500135000",
          displayName: "周九",
          password: PASSWORD,
          password2: PASSWORD,
        });
        const form = await c.request("GET", "/apply");
        const applied = await postForm(
          c,
          "/apply",
          applyFields(form.body, tree.city, { name: "周九", phone: "13500135000" }),
        );
        expect(applied.statusCode).toBe(303);
        await signIn(c, "13500135000", "wrong-password");
        // Still signed in (the login page would redirect): the token of another portal form serves.
        const track = await c.request("GET", "/track");
        const again = await postForm(c, "/account/login", {
          _csrf: field(track.body, "_csrf"),
          login: "13500135000",
          password: PASSWORD,
        });
        expect(again.statusCode).toBe(303);
        await c.request("GET", "/account");
        const sessions = await db.selectFrom("applicant_session").select("token_hash").execute();
        expect(sessions).toHaveLength(1);
        const log = lines.join("");
        expect(log).toContain("/account/login");
        for (const secret of [
          "13500135000",
          "周九",
          PASSWORD,
          "wrong-password",
          c.jar.get(APPLICANT_COOKIE)!,
        ])
          expect(log).not.toContain(secret);
      } finally {
        await logged.close();
      }
    });

    it("limits sign-in and registration posts per address with a Chinese page that says when to retry", async () => {
      const u = new Client(app);
      let last: LightMyRequestResponse | undefined;
      // The server default: 10 sign-in posts per address and minute.
      for (let i = 0; i < 11; i++) last = await signIn(u, "13900139000", "wrong-password");
      expect(last!.statusCode).toBe(429);
      expect(last!.headers["content-type"]).toContain("text/html");
      expect(last!.body).toMatch(/请在 \d+ 秒后再试/);
      const r = new Client(app);
      for (let i = 0; i < 11; i++)
        last = await register(r, { login: "x", displayName: "", password: "", password2: "" });
      expect(last!.statusCode).toBe(429);
      expect(last!.body).toMatch(/请在 \d+ 秒后再试/);
    });
  });
