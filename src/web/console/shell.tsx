/** The layout: header, menu by role, and the screens, each loaded on demand (React.lazy). */
import { Button, Layout, Menu, Space, Spin, Typography } from "antd";
import { lazy, Suspense } from "react";
import type { Role } from "../../app/policy.js";
import { match, navigate, useRoute } from "./router.js";
import { useLogout, useMe } from "./session.js";

const Worklist = lazy(() => import("./pages/worklist.js"));
const CasePage = lazy(() => import("./pages/case.js"));
const ReportPage = lazy(() => import("./pages/report.js"));
const Supervision = lazy(() => import("./pages/supervision.js"));
const Registers = lazy(() => import("./pages/registers.js"));
const Catalogue = lazy(() => import("./pages/catalogue.js"));
const Admin = lazy(() => import("./pages/admin.js"));
const Templates = lazy(() => import("./pages/templates.js"));

interface Screen {
  key: string;
  label: string;
  roles: readonly Role[];
}

const STAFF: Role[] = ["clerk", "reviewer", "head"];

/** The menu: what each role works on (src/app/policy.ts decides on the server). */
export const SCREENS: readonly Screen[] = [
  { key: "/worklist", label: "待办申请", roles: [...STAFF, "supervisor"] },
  { key: "/report", label: "年度报告", roles: [...STAFF, "supervisor"] },
  { key: "/registers", label: "登记簿", roles: STAFF },
  { key: "/catalogue", label: "公开目录审核", roles: STAFF },
  { key: "/templates", label: "文书模板", roles: STAFF },
  { key: "/supervision", label: "监督检查", roles: ["supervisor"] },
  { key: "/admin", label: "用户与机关", roles: ["admin", "supervisor"] },
];

/** The screens of a role, in menu order. */
export function screensFor(role: Role): Screen[] {
  return SCREENS.filter((s) => s.roles.includes(role));
}

function Content({ path, role }: { path: string; role: Role }) {
  let m = match("/cases/:id", path);
  if (m) return <CasePage id={Number(m.id)} />;
  m = match("/report/:agencyId/:year", path);
  if (m) return <ReportPage agencyId={Number(m.agencyId)} year={Number(m.year)} />;
  m = match("/supervision/:year", path);
  if (m) return <Supervision year={Number(m.year)} />;
  const first = screensFor(role)[0]?.key ?? "/worklist";
  switch (path === "/" ? first : path) {
    case "/worklist":
      return <Worklist />;
    case "/report":
      return <ReportPage />;
    case "/supervision":
      return <Supervision />;
    case "/registers":
      return <Registers />;
    case "/catalogue":
      return <Catalogue />;
    case "/templates":
      return <Templates />;
    case "/admin":
      return <Admin />;
    default:
      return <Typography.Paragraph>没有这个页面。</Typography.Paragraph>;
  }
}

/** The logged-in console. */
export function Shell() {
  const me = useMe();
  const logout = useLogout();
  const { path } = useRoute();
  const items = screensFor(me.role).map((s) => ({ key: s.key, label: s.label }));
  const selected =
    items.find((i) => path.startsWith(i.key))?.key ?? (path.startsWith("/cases") ? "/worklist" : "");
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", paddingInline: 8 }}>
        <span className="gk-brand">公开 · 政府信息公开工作台</span>
        <Menu
          theme="dark"
          mode="horizontal"
          items={items}
          selectedKeys={[selected]}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space style={{ color: "#fff" }}>
          <span data-testid="whoami">
            {me.agency.name} · {me.name}（{me.roleName}）
          </span>
          <Button size="small" onClick={logout}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>
          <Content path={path} role={me.role} />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
